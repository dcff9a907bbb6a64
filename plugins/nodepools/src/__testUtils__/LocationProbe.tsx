import { useLocation } from 'react-router-dom';

/** Prints the current URL's search string, for asserting what a view wrote there. */
export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

export function currentSearch(element: HTMLElement): URLSearchParams {
  return new URLSearchParams(element.textContent ?? '');
}
