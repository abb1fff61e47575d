export * from '../store/lease.js';
