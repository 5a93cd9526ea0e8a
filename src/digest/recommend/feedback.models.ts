// A reader's explicit feedback on a recommended paper. Only "not interested" exists so far: it trains their model
// as a negative and keeps the paper out of everything recommended to them.
export type PaperFeedbackKind = 'not_interested';

export interface PaperFeedback {
  userId: number;
  paperId: number;
  kind: PaperFeedbackKind;
  createdAt: string;
}
