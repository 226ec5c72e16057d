import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { timeOrderedUuid } from '../ledger/event-ids';
import type { SubjectKeyStore } from './subject-key-store';

/** Identifying details of a person (name, phone, ID number, address…), never stored in clear. */
export type PersonalDetails = Readonly<Record<string, unknown>>;

/** What an event holds about a person: a pseudonym and a sealed box only their key opens. */
export interface SealedPersonal {
  readonly subjectId: string;
  /** base64url of iv (12) | tag (16) | AES-256-GCM ciphertext of the JSON details. */
  readonly sealed: string;
}

export type OpenedPersonal =
  | { readonly status: 'available'; readonly details: PersonalDetails }
  | { readonly status: 'erased' }
  | { readonly status: 'unreadable' };

/**
 * Seals and opens personal details with the subject's own key. The subject id is also
 * the additional authenticated data, so a box cannot be moved to another person.
 */
export class PersonalVault {
  private matchSecret: Buffer | undefined;

  constructor(private readonly keys: SubjectKeyStore) {}

  /** A new pseudonym: time-ordered, as record ids are, so the subjects' indexes grow at their end. */
  newSubjectId(): string {
    return timeOrderedUuid();
  }

  seal(subjectId: string, details: PersonalDetails, now: Date): SealedPersonal {
    const key = this.keys.keyFor(subjectId, now);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(subjectId));
    const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
    return { subjectId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url') };
  }

  open(box: SealedPersonal): OpenedPersonal {
    const key = this.keys.existingKey(box.subjectId);
    if (key === 'erased') return { status: 'erased' };
    if (!key) return { status: 'unreadable' };
    try {
      const raw = Buffer.from(box.sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(box.subjectId));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return { status: 'available', details: JSON.parse(text) as PersonalDetails };
    } catch {
      return { status: 'unreadable' };
    }
  }

  /**
   * A keyed hash (HMAC-SHA256) of identifying parts, to tell that two records are about the
   * same person without keeping their details in clear. Parts are compared as people write
   * them: Unicode NFC, lower case, runs of spaces as one.
   */
  matchKey(...parts: string[]): string {
    this.matchSecret ??= this.keys.derivedKey('match-key');
    const normalised = parts.map((part) => part.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim());
    return createHmac('sha256', this.matchSecret).update(normalised.join('\u0000')).digest('base64url');
  }

  erase(subjectId: string, now: Date): boolean {
    return this.keys.erase(subjectId, now);
  }

  isErased(subjectId: string): boolean {
    return this.keys.isErased(subjectId);
  }
}
