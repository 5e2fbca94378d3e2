import { familyLabel, type FamilyMember } from './family.ts';

export interface Filter {
  /** The query parameter; also the input's id. */
  name: string;
  label: string;
  type: 'text' | 'date' | 'select';
  value: string | undefined;
  /** For `select`: the choices besides "Any". */
  options?: readonly string[];
  placeholder?: string;
}

const FilterField = ({ filter }: { filter: Filter }) => (
  <div class="field">
    <label for={`f-${filter.name}`}>{filter.label}</label>
    {filter.type === 'select' ? (
      <select id={`f-${filter.name}`} name={filter.name}>
        <option value="">Any</option>
        {filter.options!.map((o) => <option value={o} selected={o === filter.value}>{o}</option>)}
      </select>
    ) : (
      <input id={`f-${filter.name}`} type={filter.type} name={filter.name} value={filter.value ?? ''} placeholder={filter.placeholder} />
    )}
  </div>
);

/** Which of the user's accounts the page shows; Connect subaccounts are named after their app. */
export const AccountPicker = ({ family, chosen }: { family: readonly FamilyMember[]; chosen: FamilyMember }) => (
  <div class="field">
    <label for="f-account">Account</label>
    <select id="f-account" name="account">
      {family.map((m) => <option value={m.account.sid} selected={m === chosen}>{familyLabel(m)}</option>)}
    </select>
  </div>
);

/** A GET form: filters live in the address, so a filtered page can be bookmarked and shared. */
export const FilterForm = ({ action, family, chosen, filters }: { action: string; family: readonly FamilyMember[]; chosen: FamilyMember; filters: readonly Filter[] }) => (
  <section class="card" aria-label="Filters">
    <form class="filters" method="get" action={action} role="search">
      {family.length > 1 ? <AccountPicker family={family} chosen={chosen} /> : null}
      {filters.map((f) => <FilterField filter={f} />)}
      <div class="actions">
        <button class="button" type="submit">Apply filters</button>
        <a class="button secondary" href={family.length > 1 ? `${action}?account=${chosen.account.sid}` : action}>Clear</a>
      </div>
    </form>
  </section>
);
