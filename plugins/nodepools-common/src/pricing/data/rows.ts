/** Row shapes of the bundled price tables; tuples keep the data compact. */

/** machine type, on-demand USD per hour */
export type HourlyPriceRow = readonly [string, number];

/** machine type, on-demand USD per hour, Spot USD per hour */
export type HourlySpotPriceRow = readonly [string, number, number];

/** machine type, on-demand USD per hour in each region of the table's region list (`null`: not offered there) */
export type RegionalPriceRow = readonly [string, readonly (number | null)[]];

/** machine type, USD per month (a monthly price that caps hourly billing) */
export type MonthlyPriceRow = readonly [string, number];
