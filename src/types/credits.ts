/** One account's credit figures, as `GET /v1/credits` reports them (fields optional: record what is there). */
export interface CreditBalance {
  /** Credits left. */
  remaining_credits?: number;
  /** Credits spent so far. */
  used_credits?: number;
  /** `true` when the key has no credit limit of its own (token only). */
  unlimited_credits?: boolean;
  [key: string]: unknown;
}

/** Credits of the API key (`token`) and of the account behind it (`user`). */
export interface Credits {
  token: CreditBalance;
  user: CreditBalance;
  /** `x-request-id` of the answer (non-enumerable). */
  readonly requestId?: string;
}
