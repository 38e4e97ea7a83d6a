import { Injectable, type PipeTransform } from '@nestjs/common';
import { type ErrorDetail, ValidationError } from '@kiezfonds/domain';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError as ClassValidatorError } from 'class-validator';

/**
 * Validates a JSON array body item by item against a DTO class. The global validation pipe skips
 * arrays (their metatype is `Array`), and Nest's ParseArrayPipe flattens the errors into strings;
 * this keeps the `{ field: '0.kind', rule }` details the web app places next to a field.
 */
@Injectable()
export class ValidateArrayPipe<T extends object> implements PipeTransform<unknown, Promise<T[]>> {
  constructor(
    private readonly itemType: new () => T,
    private readonly maxItems = 100,
  ) {}

  async transform(value: unknown): Promise<T[]> {
    if (!Array.isArray(value)) throw new ValidationError([{ field: '', rule: 'isArray' }]);
    if (value.length > this.maxItems)
      throw new ValidationError([{ field: '', rule: 'arrayMaxSize', params: { max: this.maxItems } }]);
    const items = value.map((item: unknown) =>
      typeof item === 'object' && item !== null ? plainToInstance(this.itemType, item) : item,
    );
    const details: ErrorDetail[] = [];
    for (const [index, item] of items.entries()) {
      if (typeof item !== 'object' || item === null) {
        details.push({ field: String(index), rule: 'type' });
        continue;
      }
      const errors = await validate(item, { whitelist: true, forbidNonWhitelisted: true });
      details.push(...errors.flatMap((error) => toDetails(error, String(index))));
    }
    if (details.length > 0) throw new ValidationError(details);
    return items as T[];
  }
}

function toDetails(error: ClassValidatorError, prefix: string): ErrorDetail[] {
  const field = `${prefix}.${error.property}`;
  return [
    ...Object.keys(error.constraints ?? {}).map((rule) => ({ field, rule })),
    ...(error.children ?? []).flatMap((child) => toDetails(child, field)),
  ];
}
