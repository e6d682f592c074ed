/**
 * Where `npm start` delivers the customer and campaign messages of the demo: a local SMTP server
 * that writes every mail to `.infra/mail/*.eml`, and an HTTP endpoint standing in for an SMS
 * provider that appends each request to `.infra/logs/sms.log`. Nothing leaves the machine.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { REPO_ROOT } from '@crm/testing';

export interface MessageSinks {
  smtpUrl: string;
  smsProviderUrl: string;
  mailDirectory: string;
  stop(): Promise<void>;
}

const MAIL_DIRECTORY = path.join(REPO_ROOT, '.infra', 'mail');
const SMS_LOG = path.join(REPO_ROOT, '.infra', 'logs', 'sms.log');

async function listen(
  server: { listen(port: number, host: string, done: () => void): unknown },
  port: number,
) {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

export async function startMessageSinks(smtpPort = 2525, smsPort = 2526): Promise<MessageSinks> {
  mkdirSync(MAIL_DIRECTORY, { recursive: true });
  mkdirSync(path.dirname(SMS_LOG), { recursive: true });
  let received = 0;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received += 1;
        const file = path.join(MAIL_DIRECTORY, `${Date.now()}-${received}.eml`);
        writeFileSync(file, Buffer.concat(chunks));
        done();
      });
    },
  });
  await listen(smtp, smtpPort);

  const sms = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      appendFileSync(SMS_LOG, `${new Date().toISOString()} ${Buffer.concat(chunks).toString('utf8')}\n`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `dev-${Date.now()}` }));
    });
  });
  await listen(sms, smsPort);

  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    smsProviderUrl: `http://127.0.0.1:${(sms.address() as AddressInfo).port}/sms`,
    mailDirectory: MAIL_DIRECTORY,
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => sms.close(() => resolve()));
    },
  };
}
