/** Account as analytics resolves it: only the key; accounts owns every other field. */
export interface AccountReference {
  id: string;
}
