import type { MessageInput, MessageName } from '../protocol/protocol';

/**
 * One field of an interview that a view writes: what a save key names. Typed data, never a string parsed back.
 * `question`/`criterion`/`redFlag` fields are rows keyed by the guide item's id; `note` is a note row by its id;
 * `interview` fields live on the interview row itself; an `utterance` is a transcript line by its id.
 */
export type FieldRef =
  | { kind: 'question'; id: string; field: 'asked' | 'rating' | 'note' }
  | { kind: 'criterion'; id: string; field: 'rating' | 'note' }
  | { kind: 'redFlag'; id: string; field: 'checked' | 'note' }
  | { kind: 'note'; id: string }
  | { kind: 'utterance'; id: string }
  | { kind: 'interview'; field: 'summary' | 'recommendation' };

/** A write's identity: the interview and the field. Two writes with equal keys replace each other; others never do. */
export interface WriteKey {
  interviewId: string;
  field: FieldRef;
}

/**
 * A stable text for a field, for use as a map key inside one interview's view (the panel's `local` and `saves`).
 * Built from the typed ref and never parsed back.
 */
export function fieldId(ref: FieldRef): string {
  switch (ref.kind) {
    case 'note':
    case 'utterance':
      return JSON.stringify([ref.kind, ref.id]);
    case 'interview':
      return JSON.stringify([ref.kind, ref.field]);
    default:
      return JSON.stringify([ref.kind, ref.id, ref.field]);
  }
}

/** A stable text for a write key (the save queue's and the journal's storage key), interview first. */
export function writeId(key: WriteKey): string {
  return JSON.stringify([key.interviewId, fieldId(key.field)]);
}

/** The protocol messages a view's typed writes are sent as (each an idempotent upsert or delete). */
export type WriteMessageName = 'questions.upsert' | 'criteria.upsert' | 'redFlags.upsert' | 'interviews.update' | 'notes.upsert' | 'notes.delete'
  | 'transcript.upsert';

/** A write as data: the message and its input. The send and the journal entry are both derived from it. */
export type WriteMessage = { [K in WriteMessageName]: { name: K; input: MessageInput<K> } }[WriteMessageName];

/** Narrows a message name and input to a `WriteMessage` (type helper; no runtime check). */
export function writeMessage<K extends WriteMessageName>(name: K, input: MessageInput<K>): WriteMessage {
  return { name, input } as WriteMessage;
}

/** A protocol caller for write messages (`call` from `lib/protocol/client.ts` fits). */
export type WriteCaller = <K extends MessageName>(name: K, input: MessageInput<K>) => Promise<unknown>;
