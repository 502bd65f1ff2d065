import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { Role } from '../../core/domain/roles';
import { pageOf } from '../../core/schemas/common';
import { importResult } from '../../core/schemas/org';
import { type User, user } from '../../core/schemas/users';
import { request, upload } from './client';
import { USERS_KEY } from './keys';

export type { User };

const userPage = pageOf(user);
const userImportResult = importResult.extend({
  users: z.array(z.object({ username: z.string(), initialPassword: z.string().nullable() })),
});
export type UserImportResult = z.infer<typeof userImportResult>;

export interface UserListParams {
  page: number;
  pageSize: number;
  q?: string | undefined;
  role?: Role | undefined;
  agencyId?: number | undefined;
  active?: 'true' | 'false' | 'all' | undefined;
}

export function fetchUsers(params: UserListParams) {
  return request('GET', '/api/users', userPage, { query: { ...params } });
}

export function useUsers(params: UserListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', params],
    queryFn: () => fetchUsers(params),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function fetchUser(id: number) {
  return request('GET', `/api/users/${id}`, user);
}

export interface RoleGrantInput {
  role: Role;
  agencyId: number | null;
  divisionId: number | null;
  fieldCodes: string[];
  agencyIds: number[];
}

export interface UserCreateInput {
  username: string;
  fullName: string;
  email: string | null;
  password: string;
  mustChangePassword: boolean;
  roles: RoleGrantInput[];
}

export interface UserUpdateInput {
  fullName?: string;
  email?: string | null;
  isActive?: boolean;
  roles?: RoleGrantInput[];
}

function invalidateUsers(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: USERS_KEY });
  void qc.invalidateQueries({ queryKey: ['audit'] });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateInput) => request('POST', '/api/users', user, { body }),
    onSuccess: () => invalidateUsers(qc),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; version: number; body: UserUpdateInput }) =>
      request('PATCH', `/api/users/${v.id}`, user, { body: { ...v.body, version: v.version } }),
    // Settled, not only succeeded: after a conflict the list must show the other person's version.
    onSettled: () => invalidateUsers(qc),
  });
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; password: string; mustChangePassword: boolean }) =>
      request('POST', `/api/users/${v.id}/reset-password`, user, {
        body: { password: v.password, mustChangePassword: v.mustChangePassword },
      }),
    onSuccess: () => invalidateUsers(qc),
  });
}

/** An administrator lets a user log in again at once (their failed logins are forgotten on every device). */
export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request('POST', `/api/users/${id}/unlock`, user),
    onSuccess: () => invalidateUsers(qc),
  });
}

export function useImportUsers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload('/api/users/import', file, userImportResult),
    onSuccess: () => invalidateUsers(qc),
  });
}
