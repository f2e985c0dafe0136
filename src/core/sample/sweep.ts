/**
 * A forward sweep over time that keeps in memory only the customers that can appear in
 * the current window: those who have signed up and whose last possible day has not
 * passed. Customer ids follow signup order, so new customers are taken in index order.
 */
import { buildCustomerModel } from './customerModel.js';
import type { ResolvedParams } from './params.js';
import { signupDayOf } from './signup.js';
import type { CustomerModel } from './types.js';

/** Sweeps customers through time; windows must be requested in increasing order. */
export class CustomerSweep {
  private next = 0;
  private active: CustomerModel[] = [];
  private nextSignup: number;

  /** Starts before the first customer. */
  constructor(private readonly p: ResolvedParams) {
    this.nextSignup = p.customers > 0 ? signupDayOf(p, 0) : Number.POSITIVE_INFINITY;
  }

  /** Customers that can have rows in days [from, to] (inclusive), in index order. */
  window(from: number, to: number): readonly CustomerModel[] {
    let dropped = false;
    for (const c of this.active) if (c.lastDay < from) dropped = true;
    if (dropped) this.active = this.active.filter((c) => c.lastDay >= from);
    while (this.next < this.p.customers && this.nextSignup <= to) {
      this.active.push(buildCustomerModel(this.p, this.next));
      this.next++;
      this.nextSignup = this.next < this.p.customers ? signupDayOf(this.p, this.next) : Number.POSITIVE_INFINITY;
    }
    return this.active;
  }
}
