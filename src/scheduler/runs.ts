export * from '../store/runs.js';
