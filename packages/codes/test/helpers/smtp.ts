/** The client side of the loopback SMTP tests: a nodemailer transport and a send that returns what it throws. */
import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import nodemailer from 'nodemailer';

/** Starts a server (smtp-server's `.server` or a net.Server) on 127.0.0.1 and returns its port. */
export async function listenLoopback(
  server: Server,
  listen: (port: number, host: string) => unknown = (p, h) => server.listen(p, h),
): Promise<number> {
  listen(0, '127.0.0.1');
  if (!server.listening) await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

export const transport = (port: number) =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 3000,
    greetingTimeout: 3000,
    socketTimeout: 3000,
  });

/** What nodemailer throws when sending to `to`; fails the test when the send succeeds. */
export async function sendError(
  port: number,
  to: string,
  text = 'hello',
): Promise<Error & { responseCode?: number; response?: string; command?: string; code?: string }> {
  try {
    await transport(port).sendMail({ from: 'sender@example.org', to, subject: 'test', text });
  } catch (e) {
    return e as Error;
  }
  throw new Error(`sending to ${to} did not fail`);
}
