// Runs before every unit test file: each test starts with an empty console dedupe, so a message it expects is never
// swallowed because an earlier test logged the same text.
import { beforeEach } from 'vitest';
import { resetLogged } from '../../src/errors';

beforeEach(() => resetLogged());
