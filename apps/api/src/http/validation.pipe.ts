import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ErrorDetail, ValidationError } from '@kiezfonds/domain';
import { getMetadataStorage, type ValidationError as ClassValidatorError } from 'class-validator';
import { inputProblems, int32Problems } from './input-checks';

/**
 * The input checks every route shares run around the DTO validation: depth and NUL characters
 * before it (class-transformer recurses, PostgreSQL refuses NUL), the int32 range of path and
 * query numbers after it (once strings have become numbers).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const before = inputProblems(value);
      if (before.length > 0) throw new ValidationError(before);
    }
    const transformed: unknown = await super.transform(value, metadata);
    if (metadata.type === 'query' || metadata.type === 'param') {
      const after = int32Problems(transformed);
      if (after.length > 0) throw new ValidationError(after);
    }
    return transformed;
  }
}

/**
 * Every request body, query and parameter DTO is validated; unknown fields are refused so a typo
 * never silently drops data. Failures become one ValidationError whose details name the field
 * (dotted path for nested objects) and the rule, so the client can show the error at the field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The target lets us read a rule's limit for the message; values are never echoed back.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationError(errors.flatMap((e) => toDetails(e, ''))),
  });
}

function toDetails(error: ClassValidatorError, prefix: string): ErrorDetail[] {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  const own = Object.keys(error.constraints ?? {}).map((rule) => {
    const params = ruleParams(error, rule);
    return params ? { field, rule, params } : { field, rule };
  });
  return [...own, ...(error.children ?? []).flatMap((child) => toDetails(child, field))];
}

const PARAM_NAMES: Record<string, string> = {
  minLength: 'min',
  maxLength: 'max',
  min: 'min',
  max: 'max',
  arrayMinSize: 'min',
  arrayMaxSize: 'max',
};

/** The rule's limit (e.g. 12 for a minimum length), read from the DTO's validation metadata. */
function ruleParams(error: ClassValidatorError, rule: string): Record<string, string | number> | undefined {
  const name = PARAM_NAMES[rule];
  if (!name || !error.target) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(error.target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === rule);
  const value: unknown = metadata?.constraints?.[0];
  return typeof value === 'number' || typeof value === 'string' ? { [name]: value } : undefined;
}
