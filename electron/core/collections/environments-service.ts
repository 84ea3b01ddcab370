import {
  EnvironmentSchema,
  ItemNameSchema,
  VariableSchema,
  type Environment,
  type Variable,
} from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import type { SecretValueStore } from '../variables/secret-value-store';
import { stashSecretValues } from '../variables/stash-secrets';
import { newEntityId } from './new-id';
import type { WorkspaceStore } from './workspace-store';

/** What the environments service needs. */
export interface EnvironmentsServiceDeps {
  workspace: WorkspaceStore;
  secrets?: SecretValueStore;
  newId?: () => string;
}

/** A variable as the editor sends it: a secret one may carry its new value, which never gets saved in the file. */
export type VariableInput = Omit<Variable, 'id' | 'isEnabled' | 'isSecret'> & {
  id?: string | undefined;
  isEnabled?: boolean | undefined;
  isSecret?: boolean | undefined;
};

/**
 * Environments (dev, prod, …) and which one is active. Secret variables' values go to the
 * `SecretValueStore`; what this service saves and returns holds them empty.
 */
export interface EnvironmentsService {
  list(): Environment[];
  get(id: string): Environment;
  getActive(): Environment | undefined;
  setActive(id: string | null): void;
  create(input: { name: string; variables?: VariableInput[] | undefined }): Promise<Environment>;
  /**
   * Adds an imported environment with its secret values (stored in the secret store, not in the
   * file). Security: every environment added from outside passes through here and is untrusted
   * until the user trusts it.
   */
  add(input: { environment: Environment; secretValues?: Record<string, string> | undefined }): Promise<Environment>;
  /** True for environments made in the app, and imported ones once the user trusted them. */
  isTrusted(id: string): boolean;
  /** The user trusts an imported environment: its values may choose hosts, headers, files and credentials. */
  trust(id: string): void;
  update(input: {
    id: string;
    name?: string | undefined;
    variables?: VariableInput[] | undefined;
  }): Promise<Environment>;
  duplicate(input: { id: string }): Promise<Environment>;
  /** Deletes the environment and its secret values. */
  remove(input: { id: string }): Promise<void>;
  flush(): void;
}

/** Builds the environments service over the workspace store. */
export function createEnvironmentsService(deps: EnvironmentsServiceDeps): EnvironmentsService {
  const newId = deps.newId ?? newEntityId;
  const state = () => deps.workspace.read();

  const get = (id: string): Environment => {
    const found = state().environments.find((e) => e.id === id);
    if (!found) throw new ShomeiError('NOT_FOUND', 'That environment no longer exists');
    return found;
  };

  const checkName = (name: string): string => {
    const parsed = ItemNameSchema.safeParse(name);
    if (!parsed.success) throw new ShomeiError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Give it a name');
    return parsed.data;
  };

  const toVariables = async (inputs: readonly VariableInput[]): Promise<Variable[]> => {
    const variables: Variable[] = [];
    for (const input of inputs) {
      const parsed = VariableSchema.safeParse({ ...input, id: input.id ?? newId() });
      if (!parsed.success)
        throw new ShomeiError(
          'INVALID_INPUT',
          `Variable "${input.name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        );
      variables.push(parsed.data);
    }
    return stashSecretValues(variables, deps.secrets);
  };

  return {
    list: () => state().environments,
    get,
    getActive() {
      const id = state().activeEnvironmentId;
      return id === null ? undefined : state().environments.find((e) => e.id === id);
    },
    setActive(id) {
      if (id !== null) get(id);
      deps.workspace.change((s) => {
        s.activeEnvironmentId = id;
      });
    },
    async create(input) {
      const name = checkName(input.name);
      const environment: Environment = { id: newId(), name, variables: await toVariables(input.variables ?? []) };
      deps.workspace.change((s) => s.environments.push(environment));
      return environment;
    },
    async add(input) {
      const parsed = EnvironmentSchema.safeParse(input.environment);
      if (!parsed.success) throw new ShomeiError('INVALID_INPUT', 'The environment does not match the schema');
      const environment = parsed.data;
      const secretValues = input.secretValues ?? {};
      const ids = new Map<string, string>();
      environment.id = newId();
      for (const variable of environment.variables) {
        const fresh = newId();
        ids.set(variable.id, fresh);
        variable.id = fresh;
      }
      for (const [oldId, value] of Object.entries(secretValues)) {
        const fresh = ids.get(oldId);
        if (fresh !== undefined && deps.secrets) await deps.secrets.set(fresh, value);
      }
      environment.variables = environment.variables.map((v) => (v.isSecret ? { ...v, value: '' } : v));
      deps.workspace.change((s) => {
        s.environments.push(environment);
        s.untrustedEnvironmentIds.push(environment.id);
      });
      return environment;
    },
    isTrusted: (id) => !state().untrustedEnvironmentIds.includes(id),
    trust(id) {
      get(id);
      deps.workspace.change((s) => {
        s.untrustedEnvironmentIds = s.untrustedEnvironmentIds.filter((other) => other !== id);
      });
    },
    async update(input) {
      const environment = get(input.id);
      const name = input.name === undefined ? environment.name : checkName(input.name);
      const variables = input.variables === undefined ? environment.variables : await toVariables(input.variables);
      const removed = environment.variables.filter(
        (old) => old.isSecret && !variables.some((v) => v.id === old.id && v.isSecret),
      );
      deps.workspace.change(() => {
        environment.name = name;
        environment.variables = variables;
      });
      for (const variable of removed) await deps.secrets?.delete(variable.id);
      return environment;
    },
    async duplicate(input) {
      const original = get(input.id);
      const copy: Environment = { id: newId(), name: `${original.name} copy`, variables: [] };
      for (const variable of original.variables) {
        const id = newId();
        if (variable.isSecret && deps.secrets) {
          const value = await deps.secrets.get(variable.id);
          if (value !== undefined) await deps.secrets.set(id, value);
        }
        copy.variables.push({ ...variable, id });
      }
      deps.workspace.change((s) => {
        s.environments.splice(s.environments.indexOf(original) + 1, 0, copy);
        // A copy is as trusted as its original, no more.
        if (s.untrustedEnvironmentIds.includes(original.id)) s.untrustedEnvironmentIds.push(copy.id);
      });
      return copy;
    },
    async remove(input) {
      const environment = get(input.id);
      deps.workspace.change((s) => {
        s.environments.splice(s.environments.indexOf(environment), 1);
        s.untrustedEnvironmentIds = s.untrustedEnvironmentIds.filter((id) => id !== environment.id);
        if (s.activeEnvironmentId === environment.id) s.activeEnvironmentId = null;
      });
      for (const variable of environment.variables) if (variable.isSecret) await deps.secrets?.delete(variable.id);
    },
    flush: () => deps.workspace.flush(),
  };
}
