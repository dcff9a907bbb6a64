import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../../lib/format';

/**
 * An error of the nodepools API: a refusal (403) says plainly what was
 * refused and which permission it needs; anything else shows the
 * response as Backstage does.
 */
export function ApiErrorPanel(props: { error: Error; title?: string }) {
  if (props.error instanceof ResponseError && props.error.statusCode === 403) {
    return (
      <WarningPanel
        severity="warning"
        title="Not allowed"
        message={errorMessage(props.error)}
        defaultExpanded
      />
    );
  }
  return <ResponseErrorPanel error={props.error} title={props.title} />;
}
