/** A validated changes DTO back to plain data, dropping the fields the client did not send. */
export function plainChanges(changes: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(changes)) as Record<string, unknown>;
}
