/* Loads libgit2 on first use instead of at process start-up.
 *
 * Every libgit2 function GitOps calls is defined here as a forwarder of the same name and
 * prototype: its first call looks the real function up in the library (dlsym) and keeps the
 * address; later calls jump straight to it. The forwarders are hidden symbols, so libgit2's
 * own calls to its functions never land here. The library is opened by its soname, built from
 * the headers' LIBGIT2_SOVERSION, so the ABI matches the declarations compiled against. */
#include <git2/common.h>
#undef GIT_EXTERN
#define GIT_EXTERN(type) extern __attribute__((visibility("hidden"))) type
#include "CLibGit2.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__APPLE__)
#define LIBGIT2_FILE_NAME "libgit2." LIBGIT2_SOVERSION ".dylib"
#else
#define LIBGIT2_FILE_NAME "libgit2.so." LIBGIT2_SOVERSION
#endif

static void *library;
static char load_failure[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load_library(void) {
    library = dlopen(LIBGIT2_FILE_NAME, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *message = dlerror();
        if (message == NULL) message = "cannot load " LIBGIT2_FILE_NAME;
        snprintf(load_failure, sizeof load_failure, "%s", message);
    }
}

const char *config_api_libgit2_load(void) {
    pthread_once(&load_once, load_library);
    return library != NULL ? NULL : load_failure;
}

/* The address of libgit2's function `name`; a missing library or symbol ends the process. */
static void *libgit2_function(const char *name) {
    const char *failure = config_api_libgit2_load();
    void *address = failure == NULL ? dlsym(library, name) : NULL;
    if (address == NULL) {
        fprintf(stderr, "config-api: %s from %s: %s\n", name, LIBGIT2_FILE_NAME,
                failure != NULL ? failure : "no such function");
        abort();
    }
    return address;
}

/* The address of libgit2's `name`, looked up on the first call and kept in `slot`. */
static void *resolved(void **slot, const char *name) {
    void *address = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (address == NULL) {
        address = libgit2_function(name);
        __atomic_store_n(slot, address, __ATOMIC_RELEASE);
    }
    return address;
}

/* Defines `type name parameters` as a call of libgit2's `name` with `arguments`. */
#define FORWARD(type, name, parameters, arguments) \
    type name parameters { \
        static void *address; \
        return ((type (*) parameters) resolved(&address, #name)) arguments; \
    }

/* The same for a function returning nothing. */
#define FORWARD_VOID(name, parameters, arguments) \
    void name parameters { \
        static void *address; \
        ((void (*) parameters) resolved(&address, #name)) arguments; \
    }

int config_api_set_config_search_path(git_config_level_t level, const char *path) {
    static void *address;
    int (*set_option)(int, ...) = (int (*)(int, ...)) resolved(&address, "git_libgit2_opts");
    return set_option(GIT_OPT_SET_SEARCH_PATH, (int)level, path);
}

/* Library, errors, ids. */
FORWARD(int, git_libgit2_init, (void), ())
FORWARD(const git_error *, git_error_last, (void), ())
FORWARD(int, git_error_set_str, (int error_class, const char *string), (error_class, string))
FORWARD(int, git_oid_equal, (const git_oid *a, const git_oid *b), (a, b))
FORWARD(int, git_oid_fmt, (char *out, const git_oid *id), (out, id))
FORWARD(int, git_oid_fromstr, (git_oid *out, const char *str), (out, str))
FORWARD_VOID(git_buf_dispose, (git_buf *buffer), (buffer))

/* Repositories. */
FORWARD(int, git_repository_open_ext,
        (git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs),
        (out, path, flags, ceiling_dirs))
FORWARD(const char *, git_repository_path, (const git_repository *repo), (repo))
FORWARD(const char *, git_repository_commondir, (const git_repository *repo), (repo))
FORWARD(const char *, git_repository_workdir, (const git_repository *repo), (repo))
FORWARD(int, git_repository_odb, (git_odb **out, git_repository *repo), (out, repo))
FORWARD_VOID(git_repository_free, (git_repository *repo), (repo))
FORWARD(int, git_clone_options_init, (git_clone_options *opts, unsigned int version), (opts, version))
FORWARD(int, git_clone,
        (git_repository **out, const char *url, const char *local_path, const git_clone_options *options),
        (out, url, local_path, options))

/* Objects. */
FORWARD(int, git_commit_lookup, (git_commit **commit, git_repository *repo, const git_oid *id), (commit, repo, id))
FORWARD(int, git_commit_tree, (git_tree **tree_out, const git_commit *commit), (tree_out, commit))
FORWARD(int, git_commit_create,
        (git_oid *id, git_repository *repo, const char *update_ref, const git_signature *author,
         const git_signature *committer, const char *message_encoding, const char *message, const git_tree *tree,
         size_t parent_count, const git_commit *parents[]),
        (id, repo, update_ref, author, committer, message_encoding, message, tree, parent_count, parents))
FORWARD(int, git_commit_create_buffer,
        (git_buf *out, git_repository *repo, const git_signature *author, const git_signature *committer,
         const char *message_encoding, const char *message, const git_tree *tree, size_t parent_count,
         const git_commit *parents[]),
        (out, repo, author, committer, message_encoding, message, tree, parent_count, parents))
FORWARD(int, git_commit_create_with_signature,
        (git_oid *out, git_repository *repo, const char *commit_content, const char *signature,
         const char *signature_field),
        (out, repo, commit_content, signature, signature_field))
FORWARD_VOID(git_commit_free, (git_commit *commit), (commit))
FORWARD(int, git_tree_lookup, (git_tree **out, git_repository *repo, const git_oid *id), (out, repo, id))
FORWARD(const git_oid *, git_tree_id, (const git_tree *tree), (tree))
FORWARD(int, git_tree_entry_bypath, (git_tree_entry **out, const git_tree *root, const char *path), (out, root, path))
FORWARD(const git_oid *, git_tree_entry_id, (const git_tree_entry *entry), (entry))
FORWARD(git_filemode_t, git_tree_entry_filemode, (const git_tree_entry *entry), (entry))
FORWARD(int, git_tree_create_updated,
        (git_oid *out, git_repository *repo, git_tree *baseline, size_t nupdates, const git_tree_update *updates),
        (out, repo, baseline, nupdates, updates))
FORWARD_VOID(git_tree_entry_free, (git_tree_entry *entry), (entry))
FORWARD_VOID(git_tree_free, (git_tree *tree), (tree))
FORWARD(int, git_blob_lookup, (git_blob **blob, git_repository *repo, const git_oid *id), (blob, repo, id))
FORWARD(const void *, git_blob_rawcontent, (const git_blob *blob), (blob))
FORWARD(git_object_size_t, git_blob_rawsize, (const git_blob *blob), (blob))
FORWARD(int, git_blob_create_from_buffer, (git_oid *id, git_repository *repo, const void *buffer, size_t len),
        (id, repo, buffer, len))
FORWARD_VOID(git_blob_free, (git_blob *blob), (blob))
FORWARD(int, git_blob_filter_options_init, (git_blob_filter_options *opts, unsigned int version), (opts, version))
FORWARD(int, git_blob_filter, (git_buf *out, git_blob *blob, const char *as_path, git_blob_filter_options *opts),
        (out, blob, as_path, opts))
FORWARD(int, git_signature_now, (git_signature **out, const char *name, const char *email), (out, name, email))
FORWARD(int, git_signature_default, (git_signature **out, git_repository *repo), (out, repo))
FORWARD_VOID(git_signature_free, (git_signature *sig), (sig))

/* The object database. */
FORWARD(int, git_odb_exists, (git_odb *db, const git_oid *id), (db, id))
FORWARD(int, git_odb_backend_loose,
        (git_odb_backend **out, const char *objects_dir, int compression_level, int do_fsync, unsigned int dir_mode,
         unsigned int file_mode),
        (out, objects_dir, compression_level, do_fsync, dir_mode, file_mode))
FORWARD(int, git_odb_add_backend, (git_odb *odb, git_odb_backend *backend, int priority), (odb, backend, priority))
FORWARD(int, git_odb_read, (git_odb_object **out, git_odb *db, const git_oid *id), (out, db, id))
FORWARD(int, git_odb_write, (git_oid *out, git_odb *odb, const void *data, size_t len, git_object_t type),
        (out, odb, data, len, type))
FORWARD(const void *, git_odb_object_data, (git_odb_object *object), (object))
FORWARD(size_t, git_odb_object_size, (git_odb_object *object), (object))
FORWARD(git_object_t, git_odb_object_type, (git_odb_object *object), (object))
FORWARD_VOID(git_odb_object_free, (git_odb_object *object), (object))
FORWARD_VOID(git_odb_free, (git_odb *db), (db))

/* References, branches, history. */
FORWARD(int, git_reference_lookup, (git_reference **out, git_repository *repo, const char *name), (out, repo, name))
FORWARD(int, git_reference_name_to_id, (git_oid *out, git_repository *repo, const char *name), (out, repo, name))
FORWARD(const char *, git_reference_name, (const git_reference *ref), (ref))
FORWARD(const char *, git_reference_symbolic_target, (const git_reference *ref), (ref))
FORWARD(int, git_reference_create,
        (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force,
         const char *log_message),
        (out, repo, name, id, force, log_message))
FORWARD(int, git_reference_create_matching,
        (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force,
         const git_oid *current_id, const char *log_message),
        (out, repo, name, id, force, current_id, log_message))
FORWARD(int, git_reference_delete, (git_reference *ref), (ref))
FORWARD(int, git_reference_name_is_valid, (int *valid, const char *refname), (valid, refname))
FORWARD(int, git_reference_list, (git_strarray *array, git_repository *repo), (array, repo))
FORWARD_VOID(git_strarray_dispose, (git_strarray *array), (array))
FORWARD_VOID(git_reference_free, (git_reference *ref), (ref))
FORWARD(int, git_branch_is_checked_out, (const git_reference *branch), (branch))
FORWARD(int, git_graph_descendant_of, (git_repository *repo, const git_oid *commit, const git_oid *ancestor),
        (repo, commit, ancestor))

/* Configuration. */
FORWARD(int, git_repository_config_snapshot, (git_config **out, git_repository *repo), (out, repo))
FORWARD(int, git_config_get_path, (git_buf *out, const git_config *cfg, const char *name), (out, cfg, name))
FORWARD_VOID(git_config_free, (git_config *cfg), (cfg))

/* Work trees and the index. */
FORWARD(int, git_diff_tree_to_tree,
        (git_diff **diff, git_repository *repo, git_tree *old_tree, git_tree *new_tree, const git_diff_options *opts),
        (diff, repo, old_tree, new_tree, opts))
FORWARD(size_t, git_diff_num_deltas, (const git_diff *diff), (diff))
FORWARD(const git_diff_delta *, git_diff_get_delta, (const git_diff *diff, size_t idx), (diff, idx))
FORWARD_VOID(git_diff_free, (git_diff *diff), (diff))
FORWARD(int, git_repository_hashfile,
        (git_oid *out, git_repository *repo, const char *path, git_object_t type, const char *as_path),
        (out, repo, path, type, as_path))
FORWARD(int, git_repository_index, (git_index **out, git_repository *repo), (out, repo))
FORWARD(int, git_index_read, (git_index *index, int force), (index, force))
FORWARD(const git_index_entry *, git_index_get_bypath, (git_index *index, const char *path, int stage),
        (index, path, stage))
FORWARD(int, git_index_add_bypath, (git_index *index, const char *path), (index, path))
FORWARD(int, git_index_remove_bypath, (git_index *index, const char *path), (index, path))
FORWARD(int, git_index_write, (git_index *index), (index))
FORWARD_VOID(git_index_free, (git_index *index), (index))
FORWARD(int, git_checkout_options_init, (git_checkout_options *opts, unsigned int version), (opts, version))
FORWARD(int, git_checkout_tree, (git_repository *repo, const git_object *treeish, const git_checkout_options *opts),
        (repo, treeish, opts))

/* Remotes and credentials. */
FORWARD(int, git_remote_lookup, (git_remote **out, git_repository *repo, const char *name), (out, repo, name))
FORWARD(const char *, git_remote_url, (const git_remote *remote), (remote))
FORWARD(const char *, git_remote_pushurl, (const git_remote *remote), (remote))
FORWARD(int, git_remote_init_callbacks, (git_remote_callbacks *opts, unsigned int version), (opts, version))
FORWARD(int, git_fetch_options_init, (git_fetch_options *opts, unsigned int version), (opts, version))
FORWARD(int, git_push_options_init, (git_push_options *opts, unsigned int version), (opts, version))
FORWARD(int, git_remote_fetch,
        (git_remote *remote, const git_strarray *refspecs, const git_fetch_options *opts, const char *reflog_message),
        (remote, refspecs, opts, reflog_message))
FORWARD(int, git_remote_push, (git_remote *remote, const git_strarray *refspecs, const git_push_options *opts),
        (remote, refspecs, opts))
FORWARD_VOID(git_remote_free, (git_remote *remote), (remote))
FORWARD(int, git_credential_userpass_plaintext_new,
        (git_credential **out, const char *username, const char *password), (out, username, password))
FORWARD(int, git_credential_ssh_key_from_agent, (git_credential **out, const char *username), (out, username))
FORWARD(int, git_credential_username_new, (git_credential **out, const char *username), (out, username))
FORWARD(int, git_stream_register, (git_stream_t type, git_stream_registration *registration), (type, registration))

/* Patches. */
FORWARD(int, git_patch_from_buffers,
        (git_patch **out, const void *old_buffer, size_t old_len, const char *old_as_path, const void *new_buffer,
         size_t new_len, const char *new_as_path, const git_diff_options *opts),
        (out, old_buffer, old_len, old_as_path, new_buffer, new_len, new_as_path, opts))
FORWARD(int, git_patch_to_buf, (git_buf *out, git_patch *patch), (out, patch))
FORWARD_VOID(git_patch_free, (git_patch *patch), (patch))
