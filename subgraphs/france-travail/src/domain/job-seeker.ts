/** A worker's registration at France Travail (personal data: read only after the access policy allowed it). */
export interface JobSeeker {
  workerId: string;
  registered: boolean;
  category: string | null;
  registeredSince: string | null;
  soughtRomeCode: string | null;
  /** Where the worker lives (INSEE), for recommended offers. */
  communeCode: string | null;
  benefits: Benefits | null;
}

export interface Benefits {
  kind: string;
  dailyAmountCents: number;
  endDate: string | null;
}
