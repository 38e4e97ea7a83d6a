import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ErrorDetail, ValidationError } from '@kiezfonds/domain';
import { getMetadataStorage, isObject, type ValidationError as ClassValidatorError } from 'class-validator';
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
    exceptionFactory: (errors) => new ValidationError(once(errors.flatMap((e) => toDetails(e, '')))),
  });
}

/**
 * A field's details, one per fault. A value of the wrong shape is named once: a field that is no
 * list by `isArray` alone, an object field that is no object by `isObject` alone; the rules that
 * presuppose the shape (sizes, `each`) and whatever class-validator found inside it would only say
 * it again. An item of a list of objects that is not an object is named at the item (`list.3`,
 * `isObject`): IsObject({ each: true }) reports it on the list, and ValidateNested reports it on the
 * item as `nestedValidation` (except an item that is itself a list, into which it walks).
 */
function toDetails(error: ClassValidatorError, prefix: string): ErrorDetail[] {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  const rules = Object.keys(error.constraints ?? {});
  if (rules.includes('isArray')) return [{ field, rule: 'isArray' }];
  const objectItems = rules.includes('isObject') && ruleMetadata(error, 'isObject')?.each === true;
  if ((rules.includes('isObject') && !objectItems) || rules.includes('nestedValidation'))
    return [{ field, rule: 'isObject' }];
  const own = rules.flatMap((rule): ErrorDetail[] => {
    if (rule === 'isObject') return notObjectItems(error, field);
    const params = ruleParams(error, rule);
    return [params ? { field, rule, params } : { field, rule }];
  });
  return [...own, ...(error.children ?? []).flatMap((child) => toDetails(child, field))];
}

/** The items of a list that IsObject({ each: true }) refused, each named by its index. */
function notObjectItems(error: ClassValidatorError, field: string): ErrorDetail[] {
  const list: unknown = (error.target as Record<string, unknown> | undefined)?.[error.property];
  if (!Array.isArray(list)) return [{ field, rule: 'isObject' }];
  return list.flatMap((item, i) => (isObject(item) ? [] : [{ field: `${field}.${i}`, rule: 'isObject' }]));
}

/** The first detail of each field and rule; an item refused on the list and on itself is named once. */
function once(details: ErrorDetail[]): ErrorDetail[] {
  const seen = new Set<string>();
  return details.filter((d) => {
    const key = `${d.field}\u0000${d.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  if (!name) return undefined;
  const value: unknown = ruleMetadata(error, rule)?.constraints?.[0];
  return typeof value === 'number' || typeof value === 'string' ? { [name]: value } : undefined;
}

/** How the DTO declared the rule the field failed (its limit, whether it applies to each item). */
function ruleMetadata(
  error: ClassValidatorError,
  rule: string,
): { each?: boolean; constraints?: unknown[] } | undefined {
  if (!error.target) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(error.target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === rule);
}
