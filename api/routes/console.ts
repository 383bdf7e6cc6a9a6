import path from 'node:path';
import express, { Router } from 'express';
import { policyFor, type PolicyFile } from '../../client/channels';
import { personOf } from '../auth';
import { documentStyleSource } from '../documents/html';

// The staff console (员工控制台): a page bundled at build time into dist/console (scripts/bundle-console.ts),
// served from this origin so it calls the API with the person's own bearer token; and `GET /me`, who that
// token is, with the company's time zone the console shows every time in.

/** Where the build put the console: dist/console beside dist/api. */
const consoleDir = path.join(__dirname, '..', '..', 'console');

// Everything the page loads is its own: no inline script or style, no other origin, no framing. A printable
// document the console opens (a blob: page, which takes this policy) brings its one style, admitted by hash.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${documentStyleSource}`,
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function consolePages(): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, '/console/'));
  router.use(
    '/console',
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', contentSecurityPolicy);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      next();
    },
    express.static(consoleDir, { index: 'index.html', redirect: true }),
  );
  return router;
}

export function meRoutes({ policy }: { policy: PolicyFile }): Router {
  const router = Router();
  const { timeZone } = policyFor('standard', undefined, policy).calendar;
  router.get('/me', (_req, res) => {
    res.json({ ...personOf(res), timeZone });
  });
  return router;
}
