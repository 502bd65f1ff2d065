import type { Abilities } from '../../core/schemas/common';
import { AppError } from '../../core/errors';
import { type Actor, hasRole, type Resource } from './actor';
import { cycleRules } from './cycle';
import { frameworkRules } from './frameworks';
import { orgRules } from './org';
import { remediationRules } from './remediation';
import { matrixRules, nationalRules, resultRules } from './results';
import { surveyRules } from './surveys';

export type { Actor, Grant, Resource } from './actor';
export { hasRole, isMemberOf, ownAgencyIds } from './actor';
export { matrixViewFor } from './results';


/** A rule answers whether the actor may do the action on the resource (tenant already checked). */
export type Rule = (actor: Actor, resource: Resource) => boolean;

/** Every action of the application and its rule: the one place authorization lives. */
const RULES = {
  ...orgRules,
  ...frameworkRules,
  ...resultRules,
  ...matrixRules,
  ...nationalRules,
  ...cycleRules,
  ...surveyRules,
  ...remediationRules,
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

/**
 * Answers can(actor, action, resource): false for anonymous actors, for another tenant's resources, and when
 * the action's rule says no.
 */
export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  if (actor.provinceId !== resource.provinceId) return false;
  return RULES[action](actor, resource);
}

/** Throws `unauthenticated` (no actor) or `forbidden` unless can(actor, action, resource). */
export function authorize(actor: Actor | null, action: Action, resource: Resource): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!can(actor, action, resource)) throw new AppError('forbidden', undefined, { details: { action } });
}

/** Throws `unauthenticated` when there is no actor; returns the actor. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

/**
 * The abilities sent to the client for a resource: `{ [short action name]: boolean }` for the given actions,
 * e.g. abilitiesFor(actor, ['agency.update', 'agency.deactivate'], r) → { update: true, deactivate: false }.
 */
export function abilitiesFor(actor: Actor | null, actions: readonly Action[], resource: Resource): Abilities {
  const out: Abilities = {};
  for (const action of actions) {
    const short = action.slice(action.indexOf('.') + 1);
    out[short] = can(actor, action, resource);
  }
  return out;
}

/** True when the actor is a province-wide administrator or secretariat member. */
export function isProvinceStaff(actor: Actor): boolean {
  return hasRole(actor, 'admin') || hasRole(actor, 'secretariat');
}
