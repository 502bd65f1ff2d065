import { type Actor, hasRole } from './actor';

const isSecretariat = (a: Actor) => hasRole(a, 'secretariat');
const isStaff = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');

/**
 * Survey rules (issue 5): the secretariat designs questionnaires, sets quotas, issues codes, enters paper forms,
 * re-verifies and applies the tally; admins read. Respondents need no account: the public form is anonymous.
 */
export const surveyRules = {
  'survey.read': (a: Actor) => isStaff(a),
  'survey.manage': (a: Actor) => isSecretariat(a),
  'survey.enterPaper': (a: Actor) => isSecretariat(a),
  'survey.verify': (a: Actor) => isSecretariat(a),
};
