// Test sessions of browsers without init scripts (WebKit over WebDriver classic): a session's scripts are put at the top
// of every HTML page the site origin serves to a browser holding that session's cookie, before any script of the page.

/** The cookie that names a browser's session; HttpOnly, so document.cookie (which tests read) never shows it. */
export const SESSION_COOKIE = 'tally_e2e_session';

/** createSessions() → { set(id, scripts), remove(id), scriptsFor(cookieHeader) }. */
export function createSessions() {
  const sessions = new Map();
  return {
    set(id, scripts) {
      if (typeof id !== 'string' || !/^[\w-]{1,64}$/.test(id)) throw new TypeError('session id must be 1-64 letters, digits, - or _');
      if (!Array.isArray(scripts) || !scripts.every((script) => typeof script === 'string')) {
        throw new TypeError('session.scripts must be a list of strings');
      }
      sessions.set(id, scripts);
    },
    remove: (id) => sessions.delete(id),
    /** The scripts of the session named in a Cookie header, or none. */
    scriptsFor(cookieHeader = '') {
      const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([\\w-]+)`).exec(cookieHeader);
      return (match && sessions.get(match[1])) || [];
    },
  };
}

/** `html` with `scripts` in one <script> at the top of its head (after <head>, else after the doctype, else first). */
export function injectScripts(html, scripts) {
  if (!scripts.length) return html;
  // Each script runs on its own: one that throws does not stop the next. `<\/script` cannot end the element early.
  const source = scripts.map((script) => `try { ${script} } catch (error) { console.error(error); }`).join('\n');
  const tag = `<script>${source.replace(/<\/script/gi, '<\\/script')}</script>`;
  const at = /<head[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  const index = at ? at.index + at[0].length : 0;
  return html.slice(0, index) + tag + html.slice(index);
}
