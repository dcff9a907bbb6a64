/**
 * DigitalOcean Droplet prices, USD per month, for the sizes of the catalog
 * (../../machines/data/digitalocean.ts). Droplet and DOKS node prices are the
 * same in every region.
 *
 * Source (facts only): the `price_monthly` of each size as DigitalOcean's
 * `GET /v2/sizes` returns it, read from sergeykuzmich/terraform-digitalocean-variables,
 * do_sizes.tf ("$N/mo" in each size's description), a file regenerated daily
 * from that API, at commit e7de16e3ebb521b242e32cfc040e5410b318f215
 * (2026-08-15). The hourly price is the monthly price / 672: DigitalOcean
 * bills nodes by the hour up to a cap of 672 hours (28 days) a month (DOKS
 * pricing documentation), and its OpenAPI description's sizes example shows
 * the same ratio (price_monthly 5.0, price_hourly 0.00744;
 * digitalocean/openapi, specification/resources/sizes/responses/all_sizes.yml
 * at commit c90af3a479fed9c353cda9fc21cd968619552304, 2024-10-01).
 *
 * To refresh: list the sizes (`doctl compute size list -o json`, or the
 * newest do_sizes.tf), take `price_monthly` for each slug of
 * ../../machines/data/digitalocean.ts, and update the commit and date above
 * (docs/PRICING.md).
 */
import type { MonthlyPriceRow } from './rows';

/** size slug, USD per month (the cap of 672 hours) */
export const DIGITALOCEAN_MONTHLY_PRICES: readonly MonthlyPriceRow[] = [
  ['s-1vcpu-2gb', 12],
  ['s-2vcpu-2gb', 18],
  ['s-2vcpu-4gb', 24],
  ['s-4vcpu-8gb', 48],
  ['s-8vcpu-16gb', 96],
  ['s-2vcpu-4gb-amd', 28],
  ['s-4vcpu-8gb-amd', 56],
  ['s-8vcpu-16gb-amd', 112],
  ['s-2vcpu-4gb-intel', 28],
  ['s-4vcpu-8gb-intel', 56],
  ['s-8vcpu-16gb-intel', 112],
  ['g-2vcpu-8gb', 63],
  ['g-4vcpu-16gb', 126],
  ['g-8vcpu-32gb', 252],
  ['g-16vcpu-64gb', 504],
  ['g-32vcpu-128gb', 1008],
  ['g-40vcpu-160gb', 1260],
  ['gd-2vcpu-8gb', 68],
  ['gd-4vcpu-16gb', 136],
  ['gd-8vcpu-32gb', 272],
  ['gd-16vcpu-64gb', 544],
  ['gd-32vcpu-128gb', 1088],
  ['gd-40vcpu-160gb', 1360],
  ['c-2', 42],
  ['c-4', 84],
  ['c-8', 168],
  ['c-16', 336],
  ['c-32', 672],
  ['c-48', 1008],
  ['m-2vcpu-16gb', 84],
  ['m-4vcpu-32gb', 168],
  ['m-8vcpu-64gb', 336],
  ['m-16vcpu-128gb', 672],
  ['m-24vcpu-192gb', 1008],
  ['m-32vcpu-256gb', 1344],
  ['gpu-h100x1-80gb', 3281],
  ['gpu-h100x8-640gb', 26248],
  ['gpu-l40sx1-48gb', 1168],
  ['gpu-6000adax1-48gb', 1168],
  ['gpu-4000adax1-20gb', 565],
];
