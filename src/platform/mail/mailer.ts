// Sending one e-mail over SMTP, behind a small port so the outbox job does not know the library
// (nodemailer: well kept, no dependencies, STARTTLS/SMTPS and AUTH). Short timeouts: an SMTP server that
// does not answer fails this attempt quickly and the outbox retries later.
import nodemailer from 'nodemailer';
import type { FionaConfig } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Connects (and signs in) without sending: `fiona doctor`. */
  verify(): Promise<void>;
  close(): void;
}

export function smtpMailer(config: FionaConfig['mail']): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
