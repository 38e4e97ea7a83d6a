import { Money } from '@kiezfonds/domain';
import type { ValueTransformer } from 'typeorm';

/**
 * Maps a `bigint` cents column to `Money` and back. The pg driver returns bigint as a string (a
 * JavaScript number cannot hold every bigint exactly); this is the boundary where it becomes a
 * `Money`, never passing through a float (ARCHITECTURE.md, "Stack facts").
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: Money | null | undefined) => (value == null ? value : value.toString()),
  from: (value: string | null) => (value == null ? value : Money.fromCents(value)),
};
