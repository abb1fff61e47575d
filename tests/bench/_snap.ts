import { createTestBot, TRADING_MORNING } from '../helpers/bot.js';
const b = await createTestBot({ now: TRADING_MORNING });
await b.exec('/scan');
await b.exec('/scan momentum');
const rows = await b.services.store.sql.all<{ key: string; n: number }>("SELECT key, length(value) AS n FROM keyv WHERE key LIKE 'scansnap:%'");
console.log(rows);
await b.exec('/greeks CXDT');
for (let i = 0; i < 3; i++) { const t = performance.now(); await b.exec('/greeks CXDT'); console.log('warm', (performance.now() - t).toFixed(2)); }
await b.close();
