/** Advice that holds on every gateway; each gateway's error format adds its own (keys, billing, server errors). */
export const COMMON_ADVICE: Readonly<Record<number, string>> = {
  400: 'fix the request parameters',
  403: 'use a key that has access to this model or task',
  404: 'check the task id or the baseURL',
  429: 'slow down; the SDK already retried',
};
