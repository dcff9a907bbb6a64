import { createContext, useContext, type ReactNode } from 'react';
import { Content, ContentHeader, Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/**
 * Whether the plugin's pages draw Backstage's page header themselves. The
 * legacy export does; under the new frontend system the app draws the
 * header, with the plugin's sub-pages as tabs, and the pages do not.
 */
const PageHeaderContext = createContext(true);

/** Pages below this provider leave the header to the app. */
export function WithoutPageHeader({ children }: { children: ReactNode }) {
  return <PageHeaderContext.Provider value={false}>{children}</PageHeaderContext.Provider>;
}

/** True when the page draws its own header (the legacy frontend system). */
export function useDrawsPageHeader(): boolean {
  return useContext(PageHeaderContext);
}

export interface PageFrameProps {
  title: string;
  subtitle?: string;
  /**
   * Under the app's header the title is shown above the content only when
   * it says more than the tab does (a pool's name, not "Pools").
   */
  titleInContent?: boolean;
  /** Wraps the children in `Content`; false for layouts that bring their own. */
  content?: boolean;
  /** The plugin's first page: its header names no parent page. */
  root?: boolean;
  children: ReactNode;
}

/** A plugin page: in a legacy app with its own header, under the new frontend system without. */
export function PageFrame({ title, subtitle, titleInContent, content = true, root, children }: PageFrameProps) {
  const drawsHeader = useDrawsPageHeader();
  const listLink = useRouteRef(rootRouteRef);
  const body = content ? <Content>{children}</Content> : children;
  if (!drawsHeader) {
    return titleInContent ? (
      <Content>
        <ContentHeader title={title} description={subtitle} />
        {content ? children : body}
      </Content>
    ) : (
      <>{body}</>
    );
  }
  return (
    <Page themeId="tool">
      {root ? (
        <Header title={title} subtitle={subtitle} />
      ) : (
        <Header title={title} subtitle={subtitle} type="Node pools" typeLink={listLink()} />
      )}
      {body}
    </Page>
  );
}
