// Runs before every unit test file: each test starts with an empty console dedupe, so a message it expects is never
// swallowed because an earlier test logged the same text.
import { beforeEach } from 'vitest';
import { resetLogged, useCatalog } from '../../src/errors';
import { MESSAGES } from '../../src/messages/catalog';

beforeEach(() => resetLogged());

// The sentences of the core's codes are in force as the pieces and a hosted messages piece put them; test/messages covers
// the console line without them.
useCatalog(MESSAGES);
