// Reads the `buffer` option: the durable buffer's bounds and storage.
import { fieldsOf, readChoice, readInteger, type Problems } from '../config/readers';
import { STORAGE_KINDS, type StorageKind } from './record-store';
import type { BufferLimits } from './buffer';

/** `buffer` as load() takes it. */
export interface BufferOptionsInput {
  maxEvents?: number;
  maxBytes?: number;
  maxAgeDays?: number;
  storage?: StorageKind;
}

/** The validated `buffer` option. */
export interface BufferConfig extends BufferLimits {
  storage: StorageKind;
}

export const DEFAULT_BUFFER_MAX_EVENTS = 10_000;
export const DEFAULT_BUFFER_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_BUFFER_MAX_AGE_DAYS = 7;
const DAY_MS = 86_400_000;

/** Reads `buffer: { maxEvents, maxBytes, maxAgeDays, storage }`, naming any bad field. */
export function readBufferConfig(problems: Problems, input: unknown): BufferConfig {
  const read = fieldsOf(problems, 'buffer', input);
  return {
    maxEvents: read('maxEvents', readInteger, DEFAULT_BUFFER_MAX_EVENTS, 1, 1_000_000),
    maxBytes: read('maxBytes', readInteger, DEFAULT_BUFFER_MAX_BYTES, 1024, 1024 ** 3),
    maxAgeMs: read('maxAgeDays', readInteger, DEFAULT_BUFFER_MAX_AGE_DAYS, 1, 365) * DAY_MS,
    storage: read('storage', readChoice<StorageKind>, STORAGE_KINDS, 'indexeddb'),
  };
}
