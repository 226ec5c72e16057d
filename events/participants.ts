/** Who took part in a gathering (dialogue, training class, communication event). */
export interface Participants {
  readonly total: number;
  /** Of whom women; at most `total`. */
  readonly women: number;
}
