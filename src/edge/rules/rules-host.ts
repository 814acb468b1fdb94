// What every rules endpoint shares: the option, the paths, the workspace, the editors, the preview key, the refusal count,
// and how an editing answer is written (JSON, never cached).
import { createEditors, previewKeyFor, type EditorOptions } from './editors';
import { createRefusals } from './refusals';
import type { RulesStore } from './store';
import { createWorkspace } from './workspace';

/** The validated `rules` option. */
export interface RulesConfig {
  store: RulesStore;
  editors: EditorOptions[];
  previewSecret?: string;
  previewTtlSeconds: number;
  maxDocumentBytes: number;
}

/** One edge's rules host: made once per createEdge(), shared by its endpoints. */
export interface RulesHost {
  readonly config: RulesConfig;
  /** `{base}/rules`. */
  readonly root: string;
  readonly workspace: ReturnType<typeof createWorkspace>;
  readonly editors: ReturnType<typeof createEditors>;
  readonly previewKey: ReturnType<typeof previewKeyFor>;
  readonly refusals: ReturnType<typeof createRefusals>;
}

/** The rules host for `config` under `basePath`. */
export function createRulesHost(config: RulesConfig, basePath: string): RulesHost {
  return {
    config,
    root: `${basePath}/rules`,
    workspace: createWorkspace(config.store),
    editors: createEditors(config.editors),
    previewKey: previewKeyFor(config.editors, config.previewSecret),
    refusals: createRefusals(),
  };
}

/** Editing answers are about one editor's session: never cached anywhere. */
const NO_STORE = { 'Cache-Control': 'no-store' };

/** Answers `status` with a JSON body and no caching. */
export const json = (status: number, body: object, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...NO_STORE, ...headers } });
