export interface SegmentRow {
  id: string;
  name: string;
  rules: unknown;
  created_at: Date;
}
