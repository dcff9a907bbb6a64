import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';

export interface ChipListFieldProps {
  id: string;
  label: string;
  /** Each item as text: `team=ml`, `gpu=true:NoSchedule`, `us-east-1a`. */
  value: string[];
  /** Called with every item that parses; `parse` returns undefined for those that do not. */
  onChange(value: string[]): void;
  parse?(text: string): unknown;
  placeholder?: string;
  helperText?: string;
  error?: boolean;
  options?: string[];
}

/**
 * A list of short texts typed one at a time (Enter adds one), shown as
 * chips. Text that does not parse is not added; the helper says the shape.
 */
export function ChipListField(props: ChipListFieldProps) {
  const { parse } = props;
  return (
    <Autocomplete
      multiple
      freeSolo
      options={props.options ?? []}
      value={props.value}
      onChange={(_e, next: string[]) =>
        props.onChange(next.map(t => t.trim()).filter(t => t !== '' && (!parse || parse(t) !== undefined)))
      }
      renderInput={params => (
        <TextField
          {...params}
          id={props.id}
          label={props.label}
          variant="outlined"
          placeholder={props.placeholder}
          error={props.error}
          helperText={props.helperText}
        />
      )}
    />
  );
}
