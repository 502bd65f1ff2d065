import type { FrameworkProblem } from '../../../core/domain/framework';
import type { Lang } from '../../i18n/translate';

/** Form.Item props showing the node's problems whose path is one of `paths` or below it (e.g. `method.levels`). */
export function helpFor(problems: readonly FrameworkProblem[], lang: Lang, ...paths: string[]) {
  const hits = problems.filter((p) => p.path !== undefined && paths.some((x) => p.path === x || p.path?.startsWith(`${x}.`)));
  if (hits.length === 0) return {};
  const status: 'error' | 'warning' = hits.some((p) => p.severity === 'error') ? 'error' : 'warning';
  return { validateStatus: status, help: hits.map((p) => p.message[lang]).join(' ') };
}

/** The problems of a framework grouped by node code. */
export function problemsByNode(problems: readonly FrameworkProblem[]): Map<string, FrameworkProblem[]> {
  const map = new Map<string, FrameworkProblem[]>();
  for (const p of problems) {
    if (p.nodeCode === undefined) continue;
    const list = map.get(p.nodeCode);
    if (list) list.push(p);
    else map.set(p.nodeCode, [p]);
  }
  return map;
}
