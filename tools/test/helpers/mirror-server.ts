/**
 * A loopback HTTP server that serves a mirror folder (laid out as HOST/PATH)
 * the way the real hosts would, with switches for the failures the loader
 * must survive.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export type Fault = { kind: 'status'; status: number } | { kind: 'html' } | { kind: 'truncate'; keep: number } | { kind: 'hang' };

export interface MirrorServer {
  /** Base URL to use as MAILSTATUS_MIRROR. */
  readonly url: string;
  /** Serve another folder from now on. */
  setRoot(root: string): void;
  /** Make requests whose path ends with `suffix` fail this way (or clear with undefined). */
  setFault(suffix: string, fault: Fault | undefined): void;
  /** Paths requested so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startMirrorServer(root: string): Promise<MirrorServer> {
  let base = root;
  const faults = new Map<string, Fault>();
  const requests: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const fault = [...faults].find(([suffix]) => path.endsWith(suffix))?.[1];
    if (fault?.kind === 'hang') return; // never answers
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`error ${fault.status}`);
      return;
    }
    if (fault?.kind === 'html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>Back soon</body></html>\n');
      return;
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(normalize(base))) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
      return;
    }
    if (fault?.kind === 'truncate') {
      // Promise the whole body, send part of it, then cut the connection.
      res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'text/csv' });
      res.write(body.subarray(0, fault.keep));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res
      .writeHead(200, { 'content-length': String(body.length), 'content-type': path.endsWith('.xml') ? 'application/xml' : 'text/plain' })
      .end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setRoot: (r) => (base = r),
    setFault: (suffix, fault) => (fault ? faults.set(suffix, fault) : faults.delete(suffix)),
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 with nothing listening (connection refused). */
export async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

/**
 * A mirror server for the tests of one describe block: started before them,
 * closed after them (then `after` runs, e.g. removing temp folders).
 */
export function serveMirror(root: string, after?: () => void): MirrorServer {
  let started: MirrorServer | undefined;
  beforeAll(async () => {
    started = await startMirrorServer(root);
  });
  afterAll(async () => {
    await started?.close();
    after?.();
  });
  const server = () => {
    if (!started) throw new Error('the mirror server starts in beforeAll');
    return started;
  };
  return {
    get url() {
      return server().url;
    },
    get requests() {
      return server().requests;
    },
    setRoot: (r) => server().setRoot(r),
    setFault: (suffix, fault) => server().setFault(suffix, fault),
    close: () => server().close(),
  };
}
