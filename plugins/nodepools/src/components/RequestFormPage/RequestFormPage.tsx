import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import {
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  nodepoolRequestCreatePermission,
  REQUEST_KIND_PROFILES,
  type PoolRequestDetail,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { useRequestLink } from '../../hooks/useRequestLinks';
import { useRequestValidation } from '../../hooks/useRequestValidation';
import { draftToSpec, specToDraft, type RequestDraft } from '../../lib/requestDraft';
import {
  inputProblem,
  requestErrorBody,
  requestErrorMessage,
  specFieldOf,
  statusOf,
  type FieldProblem,
} from '../../lib/requestFormat';
import { searchToDraft } from '../../lib/requestPrefill';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { PageFrame } from '../PageFrame';
import { PermissionNotice } from '../PermissionGate';
import { RequestCostSummary } from '../RequestCostSummary';
import { RequestForm } from '../RequestForm';
import { PolicyCheckList } from '../RequestForm/PolicyCheckList';

export interface RequestFormPageProps {
  /** How long the spec must be still before it is checked (300 ms). */
  validationDelayMs?: number;
}

interface RequestFormBodyProps extends RequestFormPageProps {
  initial: RequestDraft;
  /** The draft being edited, when the form edits one instead of creating a request. */
  editing?: PoolRequestDetail;
}

/**
 * The request form: prefilled from the query string (a cloned pool, a
 * triage fix, a shared link), checked against the policies and priced
 * while it is typed, saved as a draft or submitted for approval. With
 * `?request=<id>` it edits that draft instead.
 */
export function RequestFormPage(props: RequestFormPageProps) {
  const api = useApi(nodePoolsApiRef);
  const [search] = useSearchParams();
  const editId = search.get('request');
  const editing = useAsync(async () => (editId ? api.getRequest(editId) : undefined), [api, editId]);
  if (!editId) return <RequestFormBody {...props} initial={searchToDraft(search)} />;
  if (editing.loading) return <Progress />;
  if (editing.error || !editing.value) return <ApiErrorPanel error={editing.error ?? new Error(`No request '${editId}'`)} />;
  return <RequestFormBody {...props} initial={specToDraft(editing.value.spec)} editing={editing.value} />;
}

function RequestFormBody({ validationDelayMs, initial, editing }: RequestFormBodyProps) {
  const api = useApi(nodePoolsApiRef);
  const navigate = useNavigate();
  const requestLink = useRequestLink();
  const [draft, setDraft] = useState<RequestDraft>(initial);
  const spec = useMemo(() => draftToSpec(draft), [draft]);
  const validation = useRequestValidation(spec, { delayMs: validationDelayMs, requestId: editing?.id });
  const permission = usePermission({ permission: nodepoolRequestCreatePermission });
  // The version the next edit is made on: an edit saved before a refused submission moved it on.
  const [version, setVersion] = useState(editing?.version);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error>();

  const violations: FieldProblem[] = [...(validation.result?.violations ?? [])];
  if (validation.inputError) {
    violations.push(inputProblem(validation.inputError.field, validation.inputError.message));
  }
  const saveBody = requestErrorBody(saveError);
  if (saveError && statusOf(saveError) === 400 && specFieldOf(saveError)) {
    violations.push(inputProblem(specFieldOf(saveError)!, saveBody?.error.message ?? ''));
  }
  // Checked again on submit: a policy that changed meanwhile refuses it (422) with its violations.
  for (const v of saveBody?.violations ?? []) {
    if (!violations.some(o => o.field === v.field && o.rule === v.rule)) violations.push(v);
  }
  const hasErrors = violations.some(v => v.severity === 'error');

  const save = async (submit: boolean) => {
    setSaving(true);
    setSaveError(undefined);
    try {
      let saved: PoolRequestDetail;
      if (editing) {
        saved = await api.updateRequest(editing.id, { spec, version: version ?? editing.version });
        setVersion(saved.version);
        if (submit) saved = await api.transitionRequest(saved.id, 'submit', { version: saved.version });
      } else {
        saved = await api.createRequest({ spec, submit });
      }
      const link = requestLink(saved.id);
      if (link) navigate(link);
    } catch (error) {
      setSaveError(error as Error);
      setSaving(false);
    }
  };

  const profile = REQUEST_KIND_PROFILES[draft.kind];
  return (
    <PageFrame title={editing ? `Edit the request for ${editing.spec.name}` : 'Request a node pool'} subtitle={profile.title} titleInContent>
        {!permission.loading && !permission.allowed && (
          <Box mb={2}>
            <PermissionNotice permission={nodepoolRequestCreatePermission} doing="request node pools" />
          </Box>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} lg={8}>
            <InfoCard title="Pool">
              <RequestForm draft={draft} onChange={setDraft} violations={violations} kindLocked={Boolean(editing)} />
              {saveError && statusOf(saveError) !== 400 && (
                <Box mt={2} data-testid="request-save-error">
                  <WarningPanel severity="error" title="The request was not saved" message={requestErrorMessage(saveError)} defaultExpanded />
                </Box>
              )}
              <Box mt={2} display="flex" gridGap={8}>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={saving || hasErrors || !permission.allowed}
                  onClick={() => save(true)}
                >
                  Submit for approval
                </Button>
                <Button variant="outlined" disabled={saving || !permission.allowed} onClick={() => save(false)}>
                  {editing ? 'Save changes' : 'Save draft'}
                </Button>
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12} lg={4}>
            <InfoCard title="Policy checks">
              {validation.error && (
                <WarningPanel title="The policies could not be checked" message={requestErrorMessage(validation.error)} />
              )}
              <PolicyCheckList violations={violations} checking={validation.pending} />
            </InfoCard>
            <Box mt={3}>
              <InfoCard title="Monthly cost">
                {validation.result ? <RequestCostSummary cost={validation.result.cost} /> : <Progress />}
              </InfoCard>
            </Box>
          </Grid>
        </Grid>
    </PageFrame>
  );
}
