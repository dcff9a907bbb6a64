import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  HeaderTabs,
  LinkButton,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useNavigate } from 'react-router-dom';
import { DEFAULT_PAGE_SIZE } from '@nodepools/plugin-nodepools-common';
import { useNewRequestLink, useRequestListLinks } from '../../hooks/useRequestLinks';
import { usePoolListLink } from '../../hooks/usePoolLink';
import { errorMessage } from '../../lib/format';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { useDrawsPageHeader } from '../PageFrame';
import { RequestTable } from './RequestTable';
import { useRequestPages } from './useRequestPages';

export interface RequestListPageProps {
  /** `mine`: the user's own requests; `to-approve`: submitted requests the user may decide. */
  view: 'mine' | 'to-approve';
  /** Requests fetched per page; the backend caps it at 500. */
  pageSize?: number;
}

const TEXT = {
  mine: {
    title: 'My requests',
    empty: 'You have not requested a node pool yet.',
  },
  'to-approve': {
    title: 'To approve',
    empty: 'No submitted request is waiting for you.',
  },
};

/** The user's pool requests, or the approval queue: submitted requests the user may approve. */
export function RequestListPage({ view, pageSize = DEFAULT_PAGE_SIZE }: RequestListPageProps) {
  const pages = useRequestPages(view, Math.min(pageSize, 500));
  const links = useRequestListLinks();
  const newRequest = useNewRequestLink()();
  const poolsLink = usePoolListLink()?.();
  const navigate = useNavigate();
  const drawsHeader = useDrawsPageHeader();
  const tabs = [
    { id: 'mine', label: 'My requests', link: links.mine },
    { id: 'to-approve', label: 'To approve', link: links.approvals },
  ];

  let body;
  if (pages.error && !pages.items.length) body = <ApiErrorPanel error={pages.error} />;
  else if (pages.totalCount === undefined) body = <Progress />;
  else if (!pages.items.length) {
    body = (
      <EmptyState
        missing="data"
        title={TEXT[view].empty}
        action={
          newRequest ? (
            <LinkButton variant="contained" color="primary" to={newRequest}>
              Request a pool
            </LinkButton>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <>
        <Typography variant="subtitle1" component="p">
          <span data-testid="request-total" data-count={pages.totalCount}>
            {`${pages.totalCount.toLocaleString('en-US')} ${pages.totalCount === 1 ? 'request' : 'requests'}`}
          </span>
          {pages.items.length < pages.totalCount && ` · showing ${pages.items.length.toLocaleString('en-US')}`}
        </Typography>
        <RequestTable requests={pages.items} />
        {pages.error && (
          <Box mt={2}>
            <WarningPanel severity="error" title="The next page could not be loaded" message={errorMessage(pages.error)} />
          </Box>
        )}
        {(pages.hasMore || pages.error) && (
          <Box display="flex" justifyContent="center" mt={2}>
            <Button variant="outlined" onClick={pages.loadMore} disabled={pages.loading} data-testid="request-load-more">
              {pages.loading ? 'Loading…' : 'Load more'}
            </Button>
          </Box>
        )}
      </>
    );
  }

  const tabBar = (
      <HeaderTabs
        selectedIndex={tabs.findIndex(t => t.id === view)}
        tabs={tabs.map(t => ({ id: t.id, label: t.label }))}
        onChange={index => {
          const link = tabs[index].link;
          if (link && index !== tabs.findIndex(t => t.id === view)) navigate(link);
        }}
      />
  );
  const content = (
      <Content>
        <ContentHeader title={TEXT[view].title}>
          {newRequest && (
            <LinkButton variant="contained" color="primary" to={newRequest}>
              Request a pool
            </LinkButton>
          )}
        </ContentHeader>
        {body}
      </Content>
  );
  // Under the app's header (new frontend system) the tabs stand alone.
  if (!drawsHeader) {
    return (
      <>
        {tabBar}
        {content}
      </>
    );
  }
  return (
    <Page themeId="tool">
      <Header title="Pool requests" subtitle="New node pools, asked for and approved" type="Node pools" typeLink={poolsLink} />
      {tabBar}
      {content}
    </Page>
  );
}
