/**
 * The anchor of the application list: a bare Express handler sending the JSON the API sent, in a
 * process of its own like the API (bench/api-process.ts). PUT /body sets what GET /list sends.
 */
import express from 'express';

const app = express();
let body = '{}';
app.put('/body', express.text({ type: '*/*', limit: '50mb' }), (req, res) => {
  body = req.body as string;
  res.sendStatus(204);
});
app.get('/list', (_req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.type('application/json').send(body);
});
app.get('/ready', (_req, res) => {
  res.sendStatus(200);
});
app.listen(Number(process.env.PORT), '127.0.0.1');
