/**
 * `/portfolio edit`: new stop, target or notes for an open position of the caller's book. The
 * levels stay on their sides (a long's stop below its target, a short's above); a moved level
 * re-arms its alert rule (the rule state remembers the level it was armed against).
 */
import { BookError, findPosition, type Position } from '../core/portfolio/index.js';
import { DomainError } from '../errors.js';
import type { Services } from '../services.js';
import { updateTenant } from '../store/portfolio.js';
import type { Actor } from './trade.js';

export interface EditRequest {
  ref: string;
  owner: string;
  stopLoss?: number;
  profitTarget?: number;
  notes?: string;
}

export async function editPosition(services: Services, actor: Actor, req: EditRequest): Promise<{ before: Position; after: Position }> {
  if (req.owner !== actor.user && !actor.isAdmin) throw new DomainError('FORBIDDEN', 'Only server admins can change the shared portfolio.');
  if (req.stopLoss === undefined && req.profitTarget === undefined && req.notes === undefined) {
    throw new DomainError('MISSING_ARGUMENT', 'Say what to change: /portfolio edit P3 stop=11.5 target=15 notes="earnings 12/10".');
  }
  for (const [name, x] of [
    ['stop', req.stopLoss],
    ['target', req.profitTarget],
  ] as const) {
    if (x !== undefined && !(x > 0 && Number.isFinite(x))) throw new DomainError('BAD_PRICE', `The ${name} must be a positive price.`);
  }
  return updateTenant(services.store, actor.tenant, (doc) => {
    let before: Position;
    try {
      before = findPosition(doc, req.owner, req.ref);
    } catch (err) {
      if (err instanceof BookError) throw new DomainError(err.code, err.message);
      throw err;
    }
    const after: Position = {
      ...before,
      ...(req.stopLoss !== undefined ? { stopLoss: req.stopLoss } : {}),
      ...(req.profitTarget !== undefined ? { profitTarget: req.profitTarget } : {}),
      ...(req.notes !== undefined ? (req.notes.trim() ? { notes: req.notes.trim() } : { notes: undefined }) : {}),
    };
    const long = after.side === 'long';
    if (long ? after.stopLoss >= after.profitTarget : after.stopLoss <= after.profitTarget) {
      throw new DomainError(
        'BAD_LEVELS',
        `A ${after.side} position's stop must be ${long ? 'below' : 'above'} its target: stop $${after.stopLoss.toFixed(2)}, target $${after.profitTarget.toFixed(2)}.`,
      );
    }
    if (after.notes === undefined) delete after.notes;
    return { doc: { ...doc, positions: doc.positions.map((p) => (p.id === before.id ? after : p)) }, result: { before, after } };
  });
}
