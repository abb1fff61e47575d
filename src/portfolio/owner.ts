import { SHARED } from '../core/portfolio/index.js';

/** The owner of the book a command acts on: the user's own, or the tenant's shared one. */
export const bookOwner = (user: string, shared: boolean): string => (shared ? SHARED : user);
