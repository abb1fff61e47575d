export * from '../store/outbox.js';
