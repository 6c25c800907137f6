// Generated from GET /api/openapi.json by scripts/gen-api-types.ts (npm run gen:api-types). Do not edit.
export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /api/health */
        get: operations["getApiHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in
         * @description The current user, how they authenticated, the CSRF token of a cookie session, and what they may do site-wide.
         */
        get: operations["getApiSession"];
        put?: never;
        /**
         * Sign in with username and password
         * @description Sets the session cookie and returns the CSRF token to send as X-CSRF-Token with every change. Pauses the account after repeated failures (429). With an LDAP directory configured (auth.ldap), a username unknown here or belonging to a directory account is checked by the directory: a first sign-in makes the account (no project rights); 503 when the directory cannot be reached (local accounts still sign in).
         */
        post: operations["postApiSession"];
        /** Sign out */
        delete: operations["deleteApiSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your own password
         * @description Needs the current password. Ends all your sessions, including this one; with `revokeTokens`, revokes all your API tokens too.
         */
        post: operations["postApiSessionPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How one may sign in
         * @description Whether usernames and passwords are also checked by an LDAP directory, and the OpenID Connect provider the sign-in page offers ("Sign in with <name>"), if any.
         */
        get: operations["getApiAuthProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Begin signing in with the OpenID Connect provider
         * @description A browser navigation: redirects (302) to the provider with an authorization code request (PKCE S256, state, nonce) and sets a short-lived sign-in cookie. `returnTo` is a path on this site to open afterwards. When the provider cannot be reached, redirects to /sign-in?signInError=unavailable. 404 when no provider is configured.
         */
        get: operations["getApiAuthOidcLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The OpenID Connect provider sends the browser back here
         * @description Exchanges the code (with the PKCE verifier) for an ID token, checks it, signs in (a first sign-in makes an account with no project rights), sets the session cookie and redirects (302) to the page the sign-in began from. On failure redirects to /sign-in?signInError=<unavailable|rejected|expired|conflict|disabled|username>. Every outcome is audited as session.create.
         */
        get: operations["getApiAuthOidcCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List user accounts */
        get: operations["getApiUsers"];
        put?: never;
        /**
         * Create a user account
         * @description Without a password, one is generated and returned once as `password`.
         */
        post: operations["postApiUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a user account */
        get: operations["getApiUsersUsername"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user account
         * @description Site role, disabled (ends their sessions; their API tokens stop working), display name, or a new password.
         */
        patch: operations["patchApiUsersUsername"];
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API tokens
         * @description Your own tokens; admins may pass `username` to see another user's.
         */
        get: operations["getApiTokens"];
        put?: never;
        /**
         * Create an API token
         * @description The token carries the rights of its user, never more, and stops working when the user is disabled, the token revoked or (with `expiresInDays`) expired, and when an admin sets the user a new password. A request made with a token may create one only if that token has `mayCreateTokens` (403 otherwise), and the new one expires no later than it. `token` is shown only in this response.
         */
        post: operations["postApiTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: operations["deleteApiTokensId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/account/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your e-mail notification settings
         * @description Per project you are a member of: study arrived, transfer failed, reconcile mismatch, pixel review waiting, ethics approval ends in 30 days. Messages never carry a patient's identity: the project, counts and where to look.
         */
        get: operations["getApiAccountNotifications"];
        /**
         * Change your e-mail notification settings
         * @description Replaces your choices. Projects you are not a member of are refused (422); subscribing needs an e-mail address. Audited as `notifications.update`.
         */
        put: operations["putApiAccountNotifications"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the projects you can see
         * @description Admins see every project; others the projects they are members of, with their role.
         */
        get: operations["getApiProjects"];
        put?: never;
        /** Create a project */
        post: operations["postApiProjects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a project */
        get: operations["getApiProjectsName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a project's settings
         * @description The name never changes. Events can be added but not removed. A new status takes the same path as POST /api/projects/{name}/status (its rules, who and when recorded); hand-over and deletion only there.
         */
        patch: operations["patchApiProjectsName"];
        trace?: never;
    };
    "/api/projects/{name}/birth-year-export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Allow or stop birth years in the project's exports
         * @description Site admins only, audited. Allowing needs the approval's reference (e.g. the REK decision); from then on each assignment keeps the participant's birth year (year only, from the quarantine copy's PatientBirthDate), and exports may ask for the birthYear transform. Stopping forgets every kept year of the project.
         */
        put: operations["putApiProjectsNameBirthYearExport"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a project's members */
        get: operations["getApiProjectsNameMembers"];
        put?: never;
        /**
         * Add a member
         * @description Roles: owner, data-manager, data-entry, viewer. A member with a data access group sees only that group's participants.
         */
        post: operations["postApiProjectsNameMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/members/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description Their access, and that of their API tokens, ends at once.
         */
        delete: operations["deleteApiProjectsNameMembersUsername"];
        options?: never;
        head?: never;
        /** Change a member's role or data access group */
        patch: operations["patchApiProjectsNameMembersUsername"];
        trace?: never;
    };
    "/api/projects/{name}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a project's data access groups */
        get: operations["getApiProjectsNameGroups"];
        put?: never;
        /** Add a data access group (for multi-site projects) */
        post: operations["postApiProjectsNameGroups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a project's participants */
        get: operations["getApiProjectsNameParticipants"];
        put?: never;
        /**
         * Register a participant
         * @description The ID must match the project's participant pattern in full (422 with the reason otherwise); 409 if it exists.
         */
        post: operations["postApiProjectsNameParticipants"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/participants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a participant */
        get: operations["getApiProjectsNameParticipantsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the audit log */
        get: operations["getApiAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/studies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the studies in the quarantine
         * @description Newest first, paged by `before` (keyset; `offset` still works). Filters combine (and). Patient name, ID, birth date and sex are never shown.
         */
        get: operations["getApiStudies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates of the quarantine (server-sent events)
         * @description text/event-stream. `study` events carry a study as GET /api/studies shows it, whenever instances of it are indexed or it has arrived. Heartbeat comments keep the stream open; it ends after a few minutes and the client reconnects.
         */
        get: operations["getApiEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/studies/{studyInstanceUid}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign a quarantine study to a project, participant and event
         * @description Needs studies:assign in the project. A new participant ID is registered if it matches the project's pattern (422 with the reason otherwise). The assignment is remembered: series that arrive later follow it. Answers 202 with the queued transfer.
         */
        post: operations["postApiStudiesStudyInstanceUidAssign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List transfers
         * @description The transfers of the projects you are a member of (admins: all), most recently changed first; a member limited to a data access group sees only its participants' transfers.
         */
        get: operations["getApiTransfers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a transfer */
        get: operations["getApiTransfersId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transfers/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a transfer again
         * @description Forgets what was delivered and sends the whole study again (the research PACS keeps one copy per instance). Needs studies:assign in the transfer's project.
         */
        post: operations["postApiTransfersIdResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send every transfer of a project again
         * @description As the original's resendProject: all transfers of the project, or only those with the given status (a member limited to a data access group: only its participants').
         */
        post: operations["postApiProjectsNameResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/studies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's imaging record
         * @description One row per study in the research PACS: participant, event, modalities, shifted study date, counts sent and held, when transferred and checked.
         */
        get: operations["getApiProjectsNameStudies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/coupling-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Show a page of a project's coupling list
         * @description In accession-number order, `limit` entries (default 1000) after the accession number `after` (the last one of the previous page); a member limited to a data access group sees only its participants' entries.
         */
        get: operations["getApiProjectsNameCouplingList"];
        put?: never;
        /**
         * Upload a coupling list (CSV)
         * @description Body: text/csv (at most 16 MiB), one row per study: accession number, participant ID, optional event (default: the project's first event); comma or semicolon separated; an optional header row. Rows with an unknown event, an ID not matching the pattern, an accession number already coupled to another participant, a participant outside your data access group, or beyond the project's cap of entries (routing.maxCouplingEntries) are reported per line (the first 1000; `rejected` counts all) and not imported; the good rows are, in slices of 1000 lines. Studies with a listed accession number — in the quarantine now or arriving later — are assigned automatically; entries never expire and are marked used when they matched.
         */
        post: operations["postApiProjectsNameCouplingList"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List conflicting copies of quarantined instances
         * @description A dataset received under a SOP Instance UID the quarantine already holds, with other bytes (or in another study). The first copy stays; the other is kept apart until resolved. Patient identity is never shown.
         */
        get: operations["getApiConflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conflicts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a conflicting copy */
        get: operations["getApiConflictsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conflicts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a conflicting copy
         * @description `keep-first` deletes the other copy; `keep-both` keeps it as a version (never forwarded); `take-new` replaces the quarantined copy. Taking the new copy of an instance whose study is assigned needs `confirmAssigned: true` and re-queues only that study's transfers (409 otherwise).
         */
        post: operations["postApiConflictsIdResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pixel-reviews/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Instances waiting for pixel review, per project the caller may review */
        get: operations["getApiPixelReviewsCounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/pixel-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a project's pixel reviews (default: those pending) */
        get: operations["getApiProjectsNamePixelReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/pixel-reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One pixel review */
        get: operations["getApiProjectsNamePixelReviewsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/pixel-reviews/{id}/frames/{frame}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A frame of the instance under review, as stored in the quarantine (PNG)
         * @description The source frame before any mask (the proposed masks are data in the review; the page draws them). Viewing is audited.
         */
        get: operations["getApiProjectsNamePixelReviewsIdFramesFrame"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/pixel-reviews/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept the proposed masks, with rectangles of your own added
         * @description The instance leaves with the proposed masks and the added ones filled; its transfer is retried at once.
         */
        post: operations["postApiProjectsNamePixelReviewsIdAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/pixel-reviews/{id}/safe-series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declare the review's series free of burned-in text for this project
         * @description Every instance of the series (now and later) leaves with its pixels unchanged; pending reviews of the series are closed and their transfers retried.
         */
        post: operations["postApiProjectsNamePixelReviewsIdSafeSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/pixel-regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's known-region masks */
        get: operations["getApiProjectsNamePixelRegions"];
        /**
         * Set the project's known-region masks (rectangles by manufacturer, model and image size)
         * @description Matching instances are at risk and have these rectangles filled in every frame.
         */
        put: operations["putApiProjectsNamePixelRegions"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tag inventory of what the project released: every tag path with VR, counts, samples and flags */
        get: operations["getApiProjectsNameReviewTags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/tags.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tag inventory as CSV (values a spreadsheet would run as formulas are quoted) */
        get: operations["getApiProjectsNameReviewTagsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/tags/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the new tag paths as reviewed */
        post: operations["postApiProjectsNameReviewTagsAcknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review/refusals/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Refused instances waiting for a decision, per project the caller may review */
        get: operations["getApiReviewRefusalsCounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/refusals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Instances the de-identification refused, per study, with tag paths and reasons
         * @description Default (waiting): the studies with a refusal open or decided (not yet resent), each with all its refusals; a status shows only those; all shows every one.
         */
        get: operations["getApiProjectsNameReviewRefusals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/refusals/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide one refusal: exclude the instance, change a de-identification option, or a private tag on/off the allow-list
         * @description Audited (review.refusal.exclude, review.refusal.option, review.refusal.private-tag). An option or allow-list change is the project's, for every later instance too. Nothing is sent until a resend.
         */
        post: operations["postApiProjectsNameReviewRefusalsIdDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/refusals/studies/{study}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide every waiting refusal of a study alike */
        post: operations["postApiProjectsNameReviewRefusalsStudiesStudyDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/review/refusals/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend what waits for review: the refused instances are de-identified again under the project's rules as they are now
         * @description With studyInstanceUid: that study's transfer. Without: every transfer of the project with a decided refusal. Excluded instances are settled and never sent. Audited as review.refusal.resend.
         */
        post: operations["postApiProjectsNameReviewRefusalsResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * De-identify a quarantine study for the project without sending it: per tag before and after, and the verdict
         * @description Answers for the first 20 instances of the study (instancesInStudy says how many it has). Audited as deid.dry-run; a project's first release (development → active) needs one.
         */
        post: operations["postApiProjectsNameDryRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request an export of the project's data
         * @description Queues a job that reads the project's studies from its research PACS (C-GET) and writes a zip in the given layout: DICOM, NIfTI (dcm2niix) or both, with manifest.json and SHA256SUMS inside. Answers 202 with the export; follow it with GET /api/exports/{id}. 409 when the project already has the most exports running at once.
         */
        post: operations["postApiProjectsNameExports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/exports/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview the first paths of an export
         * @description The first 20 paths the export would write, from what the research PACS holds now (C-FIND only, nothing is retrieved).
         */
        post: operations["postApiProjectsNameExportsPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List exports
         * @description Exports of the projects where you may export (admins: all), newest first.
         */
        get: operations["getApiExports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show an export and its progress */
        get: operations["getApiExportsId"];
        put?: never;
        post?: never;
        /**
         * Cancel or remove an export
         * @description A queued or running export is cancelled (its partial file removed); an ended one is removed with its file.
         */
        delete: operations["deleteApiExportsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a finished export
         * @description The zip, streamed; a Range header (bytes=start-end) resumes an interrupted download (206). The SHA-256 of the whole file is in the export and in the x-content-sha256 header.
         */
        get: operations["getApiExportsIdDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver a finished export to an SFTP outbox
         * @description Queues the upload of the zip to the outbox (host key pinned, key authentication); it is read back on the server and its SHA-256 compared before it gets its final name, next to a .sha256 file. Answers 202; follow it in the export's delivery. Again after a failed delivery, or to another outbox.
         */
        post: operations["postApiExportsIdDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/outboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The SFTP outboxes the project may deliver exports to */
        get: operations["getApiProjectsNameOutboxes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/export-layouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's saved export layouts, newest version first */
        get: operations["getApiProjectsNameExportLayouts"];
        put?: never;
        /** Save the project's export layout as a new version */
        post: operations["postApiProjectsNameExportLayouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * QIDO-RS: search for studies
         * @description Matching keys are attribute keywords or tags (PatientID=…, 0020000D=…, * and ? wildcards, date ranges as the research PACS supports them); the answer is the project's de-identified data only.
         */
        get: operations["getDicomwebNameStudies"];
        put?: never;
        /**
         * STOW-RS: store instances into the quarantine (then Assign), answered per instance
         * @description Part-10 instances as parts of a multipart/related body, stored through the same durable path as C-STORE (parsed before success). 200: all stored; 202: some (FailedSOPSequence says which and why); 409: none.
         */
        post: operations["postDicomwebNameStudies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * QIDO-RS: search for a study's series
         * @description Matching keys are attribute keywords or tags (PatientID=…, 0020000D=…, * and ? wildcards, date ranges as the research PACS supports them); the answer is the project's de-identified data only.
         */
        get: operations["getDicomwebNameStudiesStudySeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * QIDO-RS: search for a study's instances
         * @description Matching keys are attribute keywords or tags (PatientID=…, 0020000D=…, * and ? wildcards, date ranges as the research PACS supports them); the answer is the project's de-identified data only.
         */
        get: operations["getDicomwebNameStudiesStudyInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * QIDO-RS: search for a series' instances
         * @description Matching keys are attribute keywords or tags (PatientID=…, 0020000D=…, * and ? wildcards, date ranges as the research PACS supports them); the answer is the project's de-identified data only.
         */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WADO-RS: retrieve a study
         * @description Part-10 instances, each in the transfer syntax the research PACS holds it in, as parts of one multipart/related answer.
         */
        get: operations["getDicomwebNameStudiesStudy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WADO-RS: retrieve a study: metadata
         * @description DICOM JSON of every instance; pixel data as a BulkDataURI.
         */
        get: operations["getDicomwebNameStudiesStudyMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WADO-RS: retrieve a series
         * @description Part-10 instances, each in the transfer syntax the research PACS holds it in, as parts of one multipart/related answer.
         */
        get: operations["getDicomwebNameStudiesStudySeriesSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WADO-RS: retrieve a series: metadata
         * @description DICOM JSON of every instance; pixel data as a BulkDataURI.
         */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WADO-RS: retrieve an instance
         * @description Part-10 instances, each in the transfer syntax the research PACS holds it in, as parts of one multipart/related answer.
         */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WADO-RS: retrieve an instance: metadata
         * @description DICOM JSON of every instance; pixel data as a BulkDataURI.
         */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/frames/{frames}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WADO-RS: frames of an instance, as stored (1-based numbers, comma-separated) */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceFramesFrames"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/bulk/7FE00010": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WADO-RS: the pixel data of an instance (bulk data), frame by frame as stored */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceBulk7FE00010"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/rendered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WADO-RS: an instance rendered as PNG (first frame) */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceRendered"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WADO-RS: a thumbnail of an instance (PNG) */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceThumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dicomweb/{name}/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WADO-RS: a frame rendered as PNG */
        get: operations["getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceFramesFrameRendered"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The limits of one upload (files, bytes, bytes per file) */
        get: operations["getApiUploadLimits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/slides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a whole-slide image (TIFF, SVS): converted to DICOM VL Whole Slide Microscopy into the quarantine
         * @description The file is the request body (application/octet-stream or image/tiff); the project must take new studies (422 when archived or its approval has ended). Fiona converts it with OrthancWSIDicomizer (orthanc-wsi; SVS and other vendor formats through OpenSlide) and stores each DICOM instance through the same durable path as an upload; the study then waits on Assign. 415: not a TIFF-based slide; 413: larger than upload.maxFileBytes; 422: the converter refused it; 503: no converter installed.
         */
        post: operations["postApiProjectsNameSlides"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List applications
         * @description Site admins see every application, others their own.
         */
        get: operations["getApiApplications"];
        put?: never;
        /**
         * Apply for a new project
         * @description Any signed-in user. A site admin approves (the project is created in development, you its owner), asks for changes, or declines.
         */
        post: operations["postApiApplications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Send an application again after changes were asked for */
        put: operations["putApiApplicationsId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve an application: the project is created in development, the applicant its owner */
        post: operations["postApiApplicationsIdApprove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline an application, with a reason */
        post: operations["postApiApplicationsIdDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/applications/{id}/request-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the applicant for changes, with a reason */
        post: operations["postApiApplicationsIdRequestChanges"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/access-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List requests for access to a project (its owners) */
        get: operations["getApiProjectsNameAccessRequests"];
        put?: never;
        /**
         * Ask for access to a project
         * @description Any signed-in user. The answer is the same whether or not the project exists (or you are a member already), so asking tells nobody which projects exist; its owners see the request and decide.
         */
        post: operations["postApiProjectsNameAccessRequests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/access-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a request for access with a role */
        post: operations["postApiProjectsNameAccessRequestsIdApprove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/access-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline a request for access, with a reason */
        post: operations["postApiProjectsNameAccessRequestsIdDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/lifecycle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's status, its history, a pending deletion and the approval warning */
        get: operations["getApiProjectsNameLifecycle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a project on in its life
         * @description Site admins. development → active (when the first-release check allows) → archived (read-only: no assignments, participants or forwarding; a reason is required) → handed-over (with `handover`: the final export's sha256 and who confirmed receiving it) → deleted: the first admin asks (after the retention period), a second admin confirms with the same call; then Fiona deletes the project's data and asks the research PACS to delete its studies, and answers with a report.
         */
        post: operations["postApiProjectsNameStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/anonymised-copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make an anonymised copy of an archived project into a new project
         * @description Site admins. Reads the archived project's studies back from its research PACS (C-GET), de-identifies them again for the new project — new random participant IDs matching `participantPattern` (default `C` and 8 digits), UIDs keyed with a fresh key and dates moved by fresh offsets, neither stored — and sends them to the new project's research PACS (default the original's), checked with C-FIND. No coupling list or table links the copy to the original; the audit log says which project was copied into which. The new project is `active` unless `status` says `development`. Runs within the request; a copy that fails is undone.
         */
        post: operations["postApiProjectsNameAnonymisedCopy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/trail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's audit trail in words (for a data protection officer), kept after the project is deleted */
        get: operations["getApiProjectsNameTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{name}/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a project's corrections */
        get: operations["getApiProjectsNameCorrections"];
        put?: never;
        /**
         * Ask for a correction of a study's assignment
         * @description Members who may delete the project's data (data managers, owners) ask, with a reason: a new participant and/or event, or `remove: true`. An owner or site admin other than you decides. Late series of the study wait meanwhile.
         */
        post: operations["postApiProjectsNameCorrections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/corrections/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a correction (an owner or site admin, never the person who asked)
         * @description The wrong copy is deleted from the research PACS first (a PACS Fiona cannot delete from needs `removedByHand: true` after a person did it), the assignment is forgotten and, if the correction names one, the study is assigned to the new participant and event.
         */
        post: operations["postApiCorrectionsIdApprove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/corrections/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a correction, with a reason (an owner or site admin, never the person who asked) */
        post: operations["postApiCorrectionsIdReject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API, described in OpenAPI 3.1 */
        get: operations["getApiOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: string;
            /** @description the request field to blame */
            field?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                            displayName: string | null;
                            isAdmin: boolean;
                            /** @enum {string} */
                            authSource: "local" | "ldap" | "oidc";
                        };
                        /** @enum {string} */
                        via: "session" | "token";
                        csrfToken: string | null;
                        mayBrowseQuarantine: boolean;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                            displayName: string | null;
                            isAdmin: boolean;
                            /** @enum {string} */
                            authSource: "local" | "ldap" | "oidc";
                        };
                        csrfToken: string;
                        expiresAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSessionPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                    revokeTokens?: boolean;
                };
            };
        };
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuthProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ldap: boolean;
                        oidc: {
                            name: string;
                            loginUrl: string;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuthOidcLogin: {
        parameters: {
            query?: {
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuthOidcCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string | null;
                        isAdmin: boolean;
                        disabled: boolean;
                        lastSignInAt: string | null;
                        lockedUntil: string | null;
                        createdAt: string;
                        /** @enum {string} */
                        authSource: "local" | "ldap" | "oidc";
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password?: string;
                    isAdmin?: boolean;
                    displayName?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                            displayName: string | null;
                            isAdmin: boolean;
                            disabled: boolean;
                            lastSignInAt: string | null;
                            lockedUntil: string | null;
                            createdAt: string;
                            /** @enum {string} */
                            authSource: "local" | "ldap" | "oidc";
                        };
                        password?: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUsersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string | null;
                        isAdmin: boolean;
                        disabled: boolean;
                        lastSignInAt: string | null;
                        lockedUntil: string | null;
                        createdAt: string;
                        /** @enum {string} */
                        authSource: "local" | "ldap" | "oidc";
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiUsersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    isAdmin?: boolean;
                    disabled?: boolean;
                    password?: string;
                    displayName?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string | null;
                        isAdmin: boolean;
                        disabled: boolean;
                        lastSignInAt: string | null;
                        lockedUntil: string | null;
                        createdAt: string;
                        /** @enum {string} */
                        authSource: "local" | "ldap" | "oidc";
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTokens: {
        parameters: {
            query?: {
                username?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        prefix: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description null: never expires */
                        expiresAt: string | null;
                        /** @description whether requests made with this token may create tokens */
                        mayCreateTokens: boolean;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    username?: string;
                    expiresInDays?: number;
                    mayCreateTokens?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        prefix: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description null: never expires */
                        expiresAt: string | null;
                        /** @description whether requests made with this token may create tokens */
                        mayCreateTokens: boolean;
                        token: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiTokensId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        prefix: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description null: never expires */
                        expiresAt: string | null;
                        /** @description whether requests made with this token may create tokens */
                        mayCreateTokens: boolean;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAccountNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description whether this installation sends e-mail at all (config mail.enabled); choices are kept either way */
                        mailEnabled: boolean;
                        email: string | null;
                        /** @description one message a day (at mail.digestHour UTC) instead of one per event */
                        digest: boolean;
                        /** @description what can be chosen per project */
                        kinds: {
                            /** @enum {string} */
                            kind: "study-arrived" | "transfer-failed" | "reconcile-mismatch" | "pixel-review" | "approval-ending";
                            label: string;
                        }[];
                        /** @description one entry per project you are a member of */
                        projects: {
                            project: string;
                            role: string;
                            kinds: ("study-arrived" | "transfer-failed" | "reconcile-mismatch" | "pixel-review" | "approval-ending")[];
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiAccountNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string | null;
                    digest: boolean;
                    projects: {
                        project: string;
                        kinds: ("study-arrived" | "transfer-failed" | "reconcile-mismatch" | "pixel-review" | "approval-ending")[];
                    }[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description whether this installation sends e-mail at all (config mail.enabled); choices are kept either way */
                        mailEnabled: boolean;
                        email: string | null;
                        /** @description one message a day (at mail.digestHour UTC) instead of one per event */
                        digest: boolean;
                        /** @description what can be chosen per project */
                        kinds: {
                            /** @enum {string} */
                            kind: "study-arrived" | "transfer-failed" | "reconcile-mismatch" | "pixel-review" | "approval-ending";
                            label: string;
                        }[];
                        /** @description one entry per project you are a member of */
                        projects: {
                            project: string;
                            role: string;
                            kinds: ("study-arrived" | "transfer-failed" | "reconcile-mismatch" | "pixel-review" | "approval-ending")[];
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        rekNumber: string | null;
                        startDate: string | null;
                        endDate: string | null;
                        principalInvestigator: string | null;
                        participantPattern: string;
                        events: string[];
                        destination: {
                            aet: string;
                            host: string;
                            port: number;
                            dicomwebUrl: string | null;
                        };
                        /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                        deidOptions: {
                            [key: string]: unknown;
                        };
                        /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                        autoIdRule: {
                            /** @enum {string} */
                            field: "PatientID" | "PatientName";
                            pattern: string;
                            event: string;
                        } | null;
                        /** @description approved by a site admin to keep participants' birth years (year only, from the quarantine copy at assignment) and write them into exports with the birthYear transform; null: not approved */
                        birthYearInExport: {
                            approval: string;
                            setBy: string | null;
                            setAt: string;
                        } | null;
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over";
                        acceptsAssignments: boolean;
                        assignmentsBlockedBecause?: string;
                        /** @enum {string|null} */
                        myRole?: "owner" | "data-manager" | "data-entry" | "viewer" | null;
                        myDataAccessGroup?: string | null;
                        createdAt: string;
                        updatedAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 5-20 letters, digits, "-", "_"; unique */
                    name: string;
                    description?: string | null;
                    /** @description ethics approval (REK) number */
                    rekNumber?: string | null;
                    /** @description REK approval start, YYYY-MM-DD */
                    startDate?: string | null;
                    /** @description REK approval end, YYYY-MM-DD; after it the project takes no new assignments */
                    endDate?: string | null;
                    principalInvestigator?: string | null;
                    /** @description regular expression every participant ID must match in full; must not match the empty string */
                    participantPattern: string;
                    /** @description event names, in order */
                    events: string[];
                    /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                    deidOptions?: {
                        [key: string]: unknown;
                    };
                    /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                    autoIdRule?: {
                        /** @enum {string} */
                        field: "PatientID" | "PatientName";
                        pattern: string;
                        event: string;
                    } | null;
                    /** @enum {string} */
                    status?: "development" | "active" | "archived" | "handed-over";
                    destination: {
                        aet: string;
                        host: string;
                        port: number;
                        dicomwebUrl?: string | null;
                    };
                    /** @description username of the first owner */
                    owner?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        rekNumber: string | null;
                        startDate: string | null;
                        endDate: string | null;
                        principalInvestigator: string | null;
                        participantPattern: string;
                        events: string[];
                        destination: {
                            aet: string;
                            host: string;
                            port: number;
                            dicomwebUrl: string | null;
                        };
                        /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                        deidOptions: {
                            [key: string]: unknown;
                        };
                        /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                        autoIdRule: {
                            /** @enum {string} */
                            field: "PatientID" | "PatientName";
                            pattern: string;
                            event: string;
                        } | null;
                        /** @description approved by a site admin to keep participants' birth years (year only, from the quarantine copy at assignment) and write them into exports with the birthYear transform; null: not approved */
                        birthYearInExport: {
                            approval: string;
                            setBy: string | null;
                            setAt: string;
                        } | null;
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over";
                        acceptsAssignments: boolean;
                        assignmentsBlockedBecause?: string;
                        /** @enum {string|null} */
                        myRole?: "owner" | "data-manager" | "data-entry" | "viewer" | null;
                        myDataAccessGroup?: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        rekNumber: string | null;
                        startDate: string | null;
                        endDate: string | null;
                        principalInvestigator: string | null;
                        participantPattern: string;
                        events: string[];
                        destination: {
                            aet: string;
                            host: string;
                            port: number;
                            dicomwebUrl: string | null;
                        };
                        /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                        deidOptions: {
                            [key: string]: unknown;
                        };
                        /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                        autoIdRule: {
                            /** @enum {string} */
                            field: "PatientID" | "PatientName";
                            pattern: string;
                            event: string;
                        } | null;
                        /** @description approved by a site admin to keep participants' birth years (year only, from the quarantine copy at assignment) and write them into exports with the birthYear transform; null: not approved */
                        birthYearInExport: {
                            approval: string;
                            setBy: string | null;
                            setAt: string;
                        } | null;
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over";
                        acceptsAssignments: boolean;
                        assignmentsBlockedBecause?: string;
                        /** @enum {string|null} */
                        myRole?: "owner" | "data-manager" | "data-entry" | "viewer" | null;
                        myDataAccessGroup?: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiProjectsName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    /** @description ethics approval (REK) number */
                    rekNumber?: string | null;
                    /** @description REK approval start, YYYY-MM-DD */
                    startDate?: string | null;
                    /** @description REK approval end, YYYY-MM-DD; after it the project takes no new assignments */
                    endDate?: string | null;
                    principalInvestigator?: string | null;
                    /** @description regular expression every participant ID must match in full; must not match the empty string */
                    participantPattern?: string;
                    /** @description event names, in order */
                    events?: string[];
                    /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                    deidOptions?: {
                        [key: string]: unknown;
                    };
                    /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                    autoIdRule?: {
                        /** @enum {string} */
                        field: "PatientID" | "PatientName";
                        pattern: string;
                        event: string;
                    } | null;
                    /** @enum {string} */
                    status?: "development" | "active" | "archived" | "handed-over";
                    destination?: {
                        aet?: string;
                        host?: string;
                        port?: number;
                        dicomwebUrl?: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        rekNumber: string | null;
                        startDate: string | null;
                        endDate: string | null;
                        principalInvestigator: string | null;
                        participantPattern: string;
                        events: string[];
                        destination: {
                            aet: string;
                            host: string;
                            port: number;
                            dicomwebUrl: string | null;
                        };
                        /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                        deidOptions: {
                            [key: string]: unknown;
                        };
                        /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                        autoIdRule: {
                            /** @enum {string} */
                            field: "PatientID" | "PatientName";
                            pattern: string;
                            event: string;
                        } | null;
                        /** @description approved by a site admin to keep participants' birth years (year only, from the quarantine copy at assignment) and write them into exports with the birthYear transform; null: not approved */
                        birthYearInExport: {
                            approval: string;
                            setBy: string | null;
                            setAt: string;
                        } | null;
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over";
                        acceptsAssignments: boolean;
                        assignmentsBlockedBecause?: string;
                        /** @enum {string|null} */
                        myRole?: "owner" | "data-manager" | "data-entry" | "viewer" | null;
                        myDataAccessGroup?: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiProjectsNameBirthYearExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                    /** @description required when enabled */
                    approval?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        rekNumber: string | null;
                        startDate: string | null;
                        endDate: string | null;
                        principalInvestigator: string | null;
                        participantPattern: string;
                        events: string[];
                        destination: {
                            aet: string;
                            host: string;
                            port: number;
                            dicomwebUrl: string | null;
                        };
                        /** @description de-identification options (DEID-SPEC section 1); unknown options are refused */
                        deidOptions: {
                            [key: string]: unknown;
                        };
                        /** @description auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person */
                        autoIdRule: {
                            /** @enum {string} */
                            field: "PatientID" | "PatientName";
                            pattern: string;
                            event: string;
                        } | null;
                        /** @description approved by a site admin to keep participants' birth years (year only, from the quarantine copy at assignment) and write them into exports with the birthYear transform; null: not approved */
                        birthYearInExport: {
                            approval: string;
                            setBy: string | null;
                            setAt: string;
                        } | null;
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over";
                        acceptsAssignments: boolean;
                        assignmentsBlockedBecause?: string;
                        /** @enum {string|null} */
                        myRole?: "owner" | "data-manager" | "data-entry" | "viewer" | null;
                        myDataAccessGroup?: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {string} */
                        role: "owner" | "data-manager" | "data-entry" | "viewer";
                        dataAccessGroup: string | null;
                        createdAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    role: string;
                    dataAccessGroup?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {string} */
                        role: "owner" | "data-manager" | "data-entry" | "viewer";
                        dataAccessGroup: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiProjectsNameMembersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiProjectsNameMembersUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role?: string;
                    dataAccessGroup?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username: string;
                        /** @enum {string} */
                        role: "owner" | "data-manager" | "data-entry" | "viewer";
                        dataAccessGroup: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameGroups: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        createdAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameGroups: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameParticipants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        dataAccessGroup: string | null;
                        createdAt: string;
                        createdBy: string | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameParticipants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    dataAccessGroup?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        dataAccessGroup: string | null;
                        createdAt: string;
                        createdBy: string | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameParticipantsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        dataAccessGroup: string | null;
                        createdAt: string;
                        createdBy: string | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAudit: {
        parameters: {
            query?: {
                project?: string;
                username?: string;
                action?: string;
                /** @description ISO-8601 time, inclusive */
                since?: string;
                /** @description ISO-8601 time, exclusive */
                until?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        at: string;
                        action: string;
                        /** @enum {string} */
                        outcome: "ok" | "denied" | "failed";
                        actor: {
                            userId: string | null;
                            username: string | null;
                            /** @enum {string} */
                            via: "session" | "token" | "cli" | "system";
                            tokenId?: string | null;
                        };
                        project: string | null;
                        target: string | null;
                        sourceAddress: string | null;
                        details: {
                            [key: string]: unknown;
                        } | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiStudies: {
        parameters: {
            query?: {
                /** @description matches accession number, descriptions, station, institution, modality, study UID or date */
                search?: string;
                /** @description only studies that received instances after this time */
                since?: string;
                /** @description exactly this accession number */
                accession?: string;
                /** @description study date from (YYYYMMDD, inclusive) */
                dateFrom?: string;
                /** @description study date to (YYYYMMDD, inclusive) */
                dateTo?: string;
                /** @description one of the study modalities */
                modality?: string;
                /** @description part of the study description */
                description?: string;
                /** @description part of the station name */
                station?: string;
                /** @description only studies assigned to some project (true) or to none (false) */
                assigned?: "true" | "false";
                /** @description next page: the `lastReceivedAt|studyInstanceUid` of the last study of the previous page */
                before?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        studyInstanceUid: string;
                        accessionNumber: string | null;
                        studyId: string | null;
                        studyDate: string | null;
                        studyTime: string | null;
                        studyDescription: string | null;
                        modalities: string[];
                        manufacturer: string | null;
                        modelName: string | null;
                        stationName: string | null;
                        institutionName: string | null;
                        operatorsName: string | null;
                        referringPhysicianName: string | null;
                        callingAet: string | null;
                        sourceAddress: string | null;
                        seriesCount: number;
                        instanceCount: number;
                        sizeBytes: number;
                        receivedAt: string;
                        lastReceivedAt: string;
                        arrivedAt: string | null;
                        /** @description routing of the last arrival (assignments, coupling list, auto-ID): pending, running, done, or failed with the error and the next try */
                        routing: {
                            /** @enum {string} */
                            status: "pending" | "running" | "done" | "failed";
                            attempts: number;
                            error: string | null;
                            nextTryAt: string | null;
                            routedAt: string | null;
                        } | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiStudiesStudyInstanceUidAssign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyInstanceUid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    project: string;
                    participant: string;
                    event: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        studyInstanceUid: string;
                        project: string;
                        participant: string;
                        event: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "review";
                        instancesToSend: number;
                        instancesSent: number;
                        instancesConfirmed: number;
                        instancesRefused: number;
                        attempts: number;
                        nextTryAt: string | null;
                        error: string | null;
                        modalities: string[];
                        createdAt: string;
                        updatedAt: string;
                        finishedAt: string | null;
                        transferId: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTransfers: {
        parameters: {
            query?: {
                project?: string;
                status?: "queued" | "running" | "done" | "failed" | "review";
                studyInstanceUid?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        studyInstanceUid: string;
                        project: string;
                        participant: string;
                        event: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "review";
                        instancesToSend: number;
                        instancesSent: number;
                        instancesConfirmed: number;
                        instancesRefused: number;
                        attempts: number;
                        nextTryAt: string | null;
                        error: string | null;
                        modalities: string[];
                        createdAt: string;
                        updatedAt: string;
                        finishedAt: string | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiTransfersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        studyInstanceUid: string;
                        project: string;
                        participant: string;
                        event: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "review";
                        instancesToSend: number;
                        instancesSent: number;
                        instancesConfirmed: number;
                        instancesRefused: number;
                        attempts: number;
                        nextTryAt: string | null;
                        error: string | null;
                        modalities: string[];
                        createdAt: string;
                        updatedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiTransfersIdResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        studyInstanceUid: string;
                        project: string;
                        participant: string;
                        event: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "review";
                        instancesToSend: number;
                        instancesSent: number;
                        instancesConfirmed: number;
                        instancesRefused: number;
                        attempts: number;
                        nextTryAt: string | null;
                        error: string | null;
                        modalities: string[];
                        createdAt: string;
                        updatedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status?: "queued" | "running" | "done" | "failed" | "review";
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resent: number;
                        transfers: string[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameStudies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        researchStudyUid: string;
                        participant: string;
                        event: string;
                        modalities: string[];
                        /** @description shifted by the participant's date offset */
                        studyDate: string | null;
                        seriesCount: number;
                        instancesSent: number;
                        pacsSeries: number | null;
                        pacsInstances: number | null;
                        /**
                         * @description whether the research PACS held what was sent at the last check
                         * @enum {string}
                         */
                        check: "ok" | "mismatch" | "unchecked";
                        checkedAt: string | null;
                        transferredAt: string | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameCouplingList: {
        parameters: {
            query?: {
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessionNumber: string;
                        participant: string;
                        event: string;
                        uploadedBy: string | null;
                        uploadedAt: string;
                        usedAt: string | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameCouplingList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imported: number;
                        rejected: number;
                        errors: {
                            line: number;
                            error: string;
                        }[];
                        assigned: {
                            accessionNumber: string;
                            transferId: string;
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiConflicts: {
        parameters: {
            query?: {
                status?: "open" | "resolved";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        sopInstanceUid: string;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        /** @enum {string|null} */
                        resolution: "kept-first" | "took-new" | "kept-both" | null;
                        resolvedBy: string | null;
                        resolvedAt: string | null;
                        sameStudy: boolean;
                        existing: {
                            studyInstanceUid: string;
                            seriesInstanceUid: string;
                            sizeBytes: number | null;
                            receivedAt: string | null;
                            callingAet: string | null;
                            accessionNumber: string | null;
                            studyDate: string | null;
                            studyDescription: string | null;
                            modality: string | null;
                            seriesNumber: string | null;
                            seriesDescription: string | null;
                            instanceNumber: string | null;
                            assignedTo: string[];
                        } | null;
                        incoming: {
                            studyInstanceUid: string;
                            seriesInstanceUid: string;
                            sizeBytes: number | null;
                            receivedAt: string | null;
                            callingAet: string | null;
                            accessionNumber: string | null;
                            studyDate: string | null;
                            studyDescription: string | null;
                            modality: string | null;
                            seriesNumber: string | null;
                            seriesDescription: string | null;
                            instanceNumber: string | null;
                            assignedTo: string[];
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiConflictsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        sopInstanceUid: string;
                        /** @enum {string} */
                        status: "open" | "resolved";
                        /** @enum {string|null} */
                        resolution: "kept-first" | "took-new" | "kept-both" | null;
                        resolvedBy: string | null;
                        resolvedAt: string | null;
                        sameStudy: boolean;
                        existing: {
                            studyInstanceUid: string;
                            seriesInstanceUid: string;
                            sizeBytes: number | null;
                            receivedAt: string | null;
                            callingAet: string | null;
                            accessionNumber: string | null;
                            studyDate: string | null;
                            studyDescription: string | null;
                            modality: string | null;
                            seriesNumber: string | null;
                            seriesDescription: string | null;
                            instanceNumber: string | null;
                            assignedTo: string[];
                        } | null;
                        incoming: {
                            studyInstanceUid: string;
                            seriesInstanceUid: string;
                            sizeBytes: number | null;
                            receivedAt: string | null;
                            callingAet: string | null;
                            accessionNumber: string | null;
                            studyDate: string | null;
                            studyDescription: string | null;
                            modality: string | null;
                            seriesNumber: string | null;
                            seriesDescription: string | null;
                            instanceNumber: string | null;
                            assignedTo: string[];
                        };
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiConflictsIdResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "keep-first" | "take-new" | "keep-both";
                    confirmAssigned?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conflict: {
                            id: string;
                            sopInstanceUid: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            /** @enum {string|null} */
                            resolution: "kept-first" | "took-new" | "kept-both" | null;
                            resolvedBy: string | null;
                            resolvedAt: string | null;
                            sameStudy: boolean;
                            existing: {
                                studyInstanceUid: string;
                                seriesInstanceUid: string;
                                sizeBytes: number | null;
                                receivedAt: string | null;
                                callingAet: string | null;
                                accessionNumber: string | null;
                                studyDate: string | null;
                                studyDescription: string | null;
                                modality: string | null;
                                seriesNumber: string | null;
                                seriesDescription: string | null;
                                instanceNumber: string | null;
                                assignedTo: string[];
                            } | null;
                            incoming: {
                                studyInstanceUid: string;
                                seriesInstanceUid: string;
                                sizeBytes: number | null;
                                receivedAt: string | null;
                                callingAet: string | null;
                                accessionNumber: string | null;
                                studyDate: string | null;
                                studyDescription: string | null;
                                modality: string | null;
                                seriesNumber: string | null;
                                seriesDescription: string | null;
                                instanceNumber: string | null;
                                assignedTo: string[];
                            };
                        };
                        requeued: string[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPixelReviewsCounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNamePixelReviews: {
        parameters: {
            query?: {
                status?: "pending" | "accepted" | "safe" | "all";
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pending: number;
                        reviews: {
                            id: string;
                            project: string;
                            transferId: string | null;
                            studyInstanceUid: string;
                            seriesInstanceUid: string;
                            sopInstanceUid: string;
                            frames: number;
                            /** @description the header says the pixels may carry text (SC, US, BurnedInAnnotation YES, a known region …) */
                            atRisk: boolean;
                            /** @description why the pixel stage could not decide; never the text it read */
                            reason: string;
                            /** @description masks proposed so far, per frame (0-based), in pixels */
                            proposed: {
                                frame: number;
                                box: {
                                    x: number;
                                    y: number;
                                    width: number;
                                    height: number;
                                };
                                reason: string;
                            }[];
                            /** @enum {string} */
                            status: "pending" | "accepted" | "safe";
                            masks: {
                                frame: number;
                                box: {
                                    x: number;
                                    y: number;
                                    width: number;
                                    height: number;
                                };
                            }[] | null;
                            decidedBy: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNamePixelReviewsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        transferId: string | null;
                        studyInstanceUid: string;
                        seriesInstanceUid: string;
                        sopInstanceUid: string;
                        frames: number;
                        /** @description the header says the pixels may carry text (SC, US, BurnedInAnnotation YES, a known region …) */
                        atRisk: boolean;
                        /** @description why the pixel stage could not decide; never the text it read */
                        reason: string;
                        /** @description masks proposed so far, per frame (0-based), in pixels */
                        proposed: {
                            frame: number;
                            box: {
                                x: number;
                                y: number;
                                width: number;
                                height: number;
                            };
                            reason: string;
                        }[];
                        /** @enum {string} */
                        status: "pending" | "accepted" | "safe";
                        masks: {
                            frame: number;
                            box: {
                                x: number;
                                y: number;
                                width: number;
                                height: number;
                            };
                        }[] | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNamePixelReviewsIdFramesFrame: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
                frame: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNamePixelReviewsIdAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default [] */
                    add?: {
                        frame: number;
                        x: number;
                        y: number;
                        width: number;
                        height: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        transferId: string | null;
                        studyInstanceUid: string;
                        seriesInstanceUid: string;
                        sopInstanceUid: string;
                        frames: number;
                        /** @description the header says the pixels may carry text (SC, US, BurnedInAnnotation YES, a known region …) */
                        atRisk: boolean;
                        /** @description why the pixel stage could not decide; never the text it read */
                        reason: string;
                        /** @description masks proposed so far, per frame (0-based), in pixels */
                        proposed: {
                            frame: number;
                            box: {
                                x: number;
                                y: number;
                                width: number;
                                height: number;
                            };
                            reason: string;
                        }[];
                        /** @enum {string} */
                        status: "pending" | "accepted" | "safe";
                        masks: {
                            frame: number;
                            box: {
                                x: number;
                                y: number;
                                width: number;
                                height: number;
                            };
                        }[] | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNamePixelReviewsIdSafeSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        transferId: string | null;
                        studyInstanceUid: string;
                        seriesInstanceUid: string;
                        sopInstanceUid: string;
                        frames: number;
                        /** @description the header says the pixels may carry text (SC, US, BurnedInAnnotation YES, a known region …) */
                        atRisk: boolean;
                        /** @description why the pixel stage could not decide; never the text it read */
                        reason: string;
                        /** @description masks proposed so far, per frame (0-based), in pixels */
                        proposed: {
                            frame: number;
                            box: {
                                x: number;
                                y: number;
                                width: number;
                                height: number;
                            };
                            reason: string;
                        }[];
                        /** @enum {string} */
                        status: "pending" | "accepted" | "safe";
                        masks: {
                            frame: number;
                            box: {
                                x: number;
                                y: number;
                                width: number;
                                height: number;
                            };
                        }[] | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNamePixelRegions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        manufacturer?: string;
                        model?: string;
                        rows?: number;
                        columns?: number;
                        rects: {
                            x: number;
                            y: number;
                            width: number;
                            height: number;
                        }[];
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiProjectsNamePixelRegions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    manufacturer?: string;
                    model?: string;
                    rows?: number;
                    columns?: number;
                    rects: {
                        x: number;
                        y: number;
                        width: number;
                        height: number;
                    }[];
                }[];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        manufacturer?: string;
                        model?: string;
                        rows?: number;
                        columns?: number;
                        rects: {
                            x: number;
                            y: number;
                            width: number;
                            height: number;
                        }[];
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameReviewTags: {
        parameters: {
            query?: {
                flag?: "person-name" | "date" | "id" | "free-text" | "private";
                search?: string;
                sort?: "instances" | "path" | "distinct";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        newPaths: number;
                        rows: {
                            /** @description tag path: sequences nested with " > ", private elements as (gggg,"CREATOR",ee) */
                            path: string;
                            name: string;
                            vr: string;
                            /** @description released instances that carry this path */
                            instances: number;
                            distinctValues: number;
                            /** @description more distinct values than the cap: distinctValues is a lower bound */
                            distinctCapped: boolean;
                            /** @description up to 5 de-identified values */
                            samples: string[];
                            flags: ("person-name" | "date" | "id" | "free-text" | "private")[];
                            firstSeenAt: string;
                            /** @description first released since the last acknowledgement */
                            isNew: boolean;
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameReviewTagsCsv: {
        parameters: {
            query?: {
                flag?: "person-name" | "date" | "id" | "free-text" | "private";
                search?: string;
                sort?: "instances" | "path" | "distinct";
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameReviewTagsAcknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acknowledged: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiReviewRefusalsCounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameReviewRefusals: {
        parameters: {
            query?: {
                status?: "open" | "decided" | "excluded" | "resolved" | "waiting" | "all";
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        open: number;
                        studies: {
                            studyInstanceUid: string;
                            transferId: string | null;
                            participant: string | null;
                            event: string | null;
                            transferStatus: string | null;
                            open: number;
                            decided: number;
                            excluded: number;
                            resolved: number;
                            refusals: {
                                id: string;
                                project: string;
                                transferId: string | null;
                                studyInstanceUid: string;
                                seriesInstanceUid: string;
                                sopInstanceUid: string;
                                /** @description verifier-hit, bad-value, unparseable, missing-uid, invalid-context, or error */
                                code: string;
                                /** @description names the tag paths, never the identifying values */
                                reason: string;
                                places: {
                                    tagPath: string;
                                    /** @description "gggg,CREATOR,ee" for a private element */
                                    privateTag: string | null;
                                }[];
                                /**
                                 * @description open: waits for a decision; decided: waits for a resend; excluded; resolved: sent since
                                 * @enum {string}
                                 */
                                status: "open" | "decided" | "excluded" | "resolved";
                                decision: ({
                                    /** @constant */
                                    kind: "exclude";
                                } | {
                                    /** @constant */
                                    kind: "option";
                                    changes: {
                                        [key: string]: unknown;
                                    };
                                } | {
                                    /** @constant */
                                    kind: "private-tag";
                                    privateTag: string;
                                    allow: boolean;
                                }) | null;
                                decidedBy: string | null;
                                decidedAt: string | null;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameReviewRefusalsIdDecision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    decision: unknown;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        transferId: string | null;
                        studyInstanceUid: string;
                        seriesInstanceUid: string;
                        sopInstanceUid: string;
                        /** @description verifier-hit, bad-value, unparseable, missing-uid, invalid-context, or error */
                        code: string;
                        /** @description names the tag paths, never the identifying values */
                        reason: string;
                        places: {
                            tagPath: string;
                            /** @description "gggg,CREATOR,ee" for a private element */
                            privateTag: string | null;
                        }[];
                        /**
                         * @description open: waits for a decision; decided: waits for a resend; excluded; resolved: sent since
                         * @enum {string}
                         */
                        status: "open" | "decided" | "excluded" | "resolved";
                        decision: ({
                            /** @constant */
                            kind: "exclude";
                        } | {
                            /** @constant */
                            kind: "option";
                            changes: {
                                [key: string]: unknown;
                            };
                        } | {
                            /** @constant */
                            kind: "private-tag";
                            privateTag: string;
                            allow: boolean;
                        }) | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameReviewRefusalsStudiesStudyDecision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    decision: unknown;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        transferId: string | null;
                        studyInstanceUid: string;
                        seriesInstanceUid: string;
                        sopInstanceUid: string;
                        /** @description verifier-hit, bad-value, unparseable, missing-uid, invalid-context, or error */
                        code: string;
                        /** @description names the tag paths, never the identifying values */
                        reason: string;
                        places: {
                            tagPath: string;
                            /** @description "gggg,CREATOR,ee" for a private element */
                            privateTag: string | null;
                        }[];
                        /**
                         * @description open: waits for a decision; decided: waits for a resend; excluded; resolved: sent since
                         * @enum {string}
                         */
                        status: "open" | "decided" | "excluded" | "resolved";
                        decision: ({
                            /** @constant */
                            kind: "exclude";
                        } | {
                            /** @constant */
                            kind: "option";
                            changes: {
                                [key: string]: unknown;
                            };
                        } | {
                            /** @constant */
                            kind: "private-tag";
                            privateTag: string;
                            allow: boolean;
                        }) | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameReviewRefusalsResend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    studyInstanceUid?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        transfers: string[];
                        /** @description refusals resent without a decision (they will most likely be refused again) */
                        stillOpen: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameDryRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    studyInstanceUid: string;
                    /** @description default: the study's assignment to the project (required when it has none) */
                    participant?: string;
                    /** @description default: the assignment's event (required when it has none) */
                    event?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: string;
                        studyInstanceUid: string;
                        participant: string;
                        event: string;
                        instancesInStudy: number;
                        instanceCap: number;
                        instances: {
                            sopInstanceUid: string;
                            seriesInstanceUid: string;
                            verdict: unknown;
                            /** @description the pixel stage (null when it did not run) */
                            pixels: {
                                /** @enum {string} */
                                outcome: "pass" | "clean";
                                masks: number;
                                /** @description the rectangles filled, per frame (0-based), in pixels; never the text read */
                                rects: {
                                    frame: number;
                                    x: number;
                                    y: number;
                                    width: number;
                                    height: number;
                                    reason: string;
                                }[];
                            } | null;
                            tags: {
                                /** @description tag path: sequences nested with " > ", private elements as (gggg,"CREATOR",ee) */
                                path: string;
                                name: string;
                                vr: string;
                                /** @description the source value (bounded; null for bulk data or when absent) */
                                before: string | null;
                                /** @description the de-identified value (null when removed, withheld or bulk data) */
                                after: string | null;
                                /**
                                 * @description withheld: the instance would not leave
                                 * @enum {string}
                                 */
                                action: "kept" | "replaced" | "emptied" | "removed" | "added" | "withheld";
                            }[];
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameExports: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default zip
                     * @enum {string}
                     */
                    format?: "zip" | "nifti" | "both";
                    /**
                     * @description fields: {project} {participant} {event} {studyDate} {modality} {seriesNumber} {seriesDescription} {seriesUid} {instanceNumber} {sopInstanceUid}; numbers may be padded as {instanceNumber:4}
                     * @default {participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber}.dcm
                     */
                    layout?: string;
                    /** @default {} */
                    filter?: {
                        participants?: string[];
                        events?: string[];
                        modalities?: string[];
                        /** @description a pattern the whole series description must match */
                        seriesDescription?: string;
                        /** @description study date from (YYYY-MM-DD, shifted dates as stored) */
                        from?: string;
                        to?: string;
                    };
                    /** @default {} */
                    transforms?: {
                        /** @description characters replaced in participant and event IDs, e.g. _ to - */
                        replaceInIds?: {
                            from: string;
                            to: string;
                        }[];
                        /** @description runs of anything but letters and digits become one _ */
                        cleanSeriesDescription?: boolean;
                        /** @description the participant's birth year, kept at assignment, back into the DICOM (PatientBirthDate = YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects approved for it (else 422) */
                        birthYear?: boolean;
                    };
                    /** @description NIfTI names from series descriptions: first matching pattern gives the BIDS suffix (e.g. anat/T1w) */
                    bids?: {
                        pattern: string;
                        suffix: string;
                    }[];
                    /** @description deliver the finished zip to this SFTP outbox (GET /api/projects/{name}/outboxes lists those the project may use) */
                    outbox?: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        requestedBy: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "cancelled" | "expired";
                        /** @enum {string} */
                        format: "zip" | "nifti" | "both";
                        layout: string;
                        filter: {
                            participants?: string[];
                            events?: string[];
                            modalities?: string[];
                            /** @description a pattern the whole series description must match */
                            seriesDescription?: string;
                            /** @description study date from (YYYY-MM-DD, shifted dates as stored) */
                            from?: string;
                            to?: string;
                        };
                        /** @description 0 to 1: instances retrieved and written of those selected */
                        progress: number;
                        instancesTotal: number;
                        instancesDone: number;
                        files: number;
                        bytes: number;
                        sha256: string | null;
                        error: string | null;
                        createdAt: string;
                        finishedAt: string | null;
                        expiresAt: string | null;
                        /** @description delivery to an SFTP outbox: checked on the server by size and SHA-256 before it gets its final name */
                        delivery: {
                            outbox: string;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed";
                            error: string | null;
                            deliveredAt: string | null;
                            remotePath: string | null;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameExportsPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default zip
                     * @enum {string}
                     */
                    format?: "zip" | "nifti" | "both";
                    /**
                     * @description fields: {project} {participant} {event} {studyDate} {modality} {seriesNumber} {seriesDescription} {seriesUid} {instanceNumber} {sopInstanceUid}; numbers may be padded as {instanceNumber:4}
                     * @default {participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber}.dcm
                     */
                    layout?: string;
                    /** @default {} */
                    filter?: {
                        participants?: string[];
                        events?: string[];
                        modalities?: string[];
                        /** @description a pattern the whole series description must match */
                        seriesDescription?: string;
                        /** @description study date from (YYYY-MM-DD, shifted dates as stored) */
                        from?: string;
                        to?: string;
                    };
                    /** @default {} */
                    transforms?: {
                        /** @description characters replaced in participant and event IDs, e.g. _ to - */
                        replaceInIds?: {
                            from: string;
                            to: string;
                        }[];
                        /** @description runs of anything but letters and digits become one _ */
                        cleanSeriesDescription?: boolean;
                        /** @description the participant's birth year, kept at assignment, back into the DICOM (PatientBirthDate = YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects approved for it (else 422) */
                        birthYear?: boolean;
                    };
                    /** @description NIfTI names from series descriptions: first matching pattern gives the BIDS suffix (e.g. anat/T1w) */
                    bids?: {
                        pattern: string;
                        suffix: string;
                    }[];
                    /** @description deliver the finished zip to this SFTP outbox (GET /api/projects/{name}/outboxes lists those the project may use) */
                    outbox?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        paths: string[];
                        series: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiExports: {
        parameters: {
            query?: {
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        requestedBy: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "cancelled" | "expired";
                        /** @enum {string} */
                        format: "zip" | "nifti" | "both";
                        layout: string;
                        filter: {
                            participants?: string[];
                            events?: string[];
                            modalities?: string[];
                            /** @description a pattern the whole series description must match */
                            seriesDescription?: string;
                            /** @description study date from (YYYY-MM-DD, shifted dates as stored) */
                            from?: string;
                            to?: string;
                        };
                        /** @description 0 to 1: instances retrieved and written of those selected */
                        progress: number;
                        instancesTotal: number;
                        instancesDone: number;
                        files: number;
                        bytes: number;
                        sha256: string | null;
                        error: string | null;
                        createdAt: string;
                        finishedAt: string | null;
                        expiresAt: string | null;
                        /** @description delivery to an SFTP outbox: checked on the server by size and SHA-256 before it gets its final name */
                        delivery: {
                            outbox: string;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed";
                            error: string | null;
                            deliveredAt: string | null;
                            remotePath: string | null;
                        } | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiExportsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        requestedBy: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "cancelled" | "expired";
                        /** @enum {string} */
                        format: "zip" | "nifti" | "both";
                        layout: string;
                        filter: {
                            participants?: string[];
                            events?: string[];
                            modalities?: string[];
                            /** @description a pattern the whole series description must match */
                            seriesDescription?: string;
                            /** @description study date from (YYYY-MM-DD, shifted dates as stored) */
                            from?: string;
                            to?: string;
                        };
                        /** @description 0 to 1: instances retrieved and written of those selected */
                        progress: number;
                        instancesTotal: number;
                        instancesDone: number;
                        files: number;
                        bytes: number;
                        sha256: string | null;
                        error: string | null;
                        createdAt: string;
                        finishedAt: string | null;
                        expiresAt: string | null;
                        /** @description delivery to an SFTP outbox: checked on the server by size and SHA-256 before it gets its final name */
                        delivery: {
                            outbox: string;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed";
                            error: string | null;
                            deliveredAt: string | null;
                            remotePath: string | null;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiExportsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "cancelled" | "removed";
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiExportsIdDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiExportsIdDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    outbox: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        requestedBy: string;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed" | "cancelled" | "expired";
                        /** @enum {string} */
                        format: "zip" | "nifti" | "both";
                        layout: string;
                        filter: {
                            participants?: string[];
                            events?: string[];
                            modalities?: string[];
                            /** @description a pattern the whole series description must match */
                            seriesDescription?: string;
                            /** @description study date from (YYYY-MM-DD, shifted dates as stored) */
                            from?: string;
                            to?: string;
                        };
                        /** @description 0 to 1: instances retrieved and written of those selected */
                        progress: number;
                        instancesTotal: number;
                        instancesDone: number;
                        files: number;
                        bytes: number;
                        sha256: string | null;
                        error: string | null;
                        createdAt: string;
                        finishedAt: string | null;
                        expiresAt: string | null;
                        /** @description delivery to an SFTP outbox: checked on the server by size and SHA-256 before it gets its final name */
                        delivery: {
                            outbox: string;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed";
                            error: string | null;
                            deliveredAt: string | null;
                            remotePath: string | null;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameOutboxes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        host: string;
                        port: number;
                        username: string;
                        remoteDir: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameExportLayouts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        template: string;
                        transforms: {
                            /** @description characters replaced in participant and event IDs, e.g. _ to - */
                            replaceInIds?: {
                                from: string;
                                to: string;
                            }[];
                            /** @description runs of anything but letters and digits become one _ */
                            cleanSeriesDescription?: boolean;
                            /** @description the participant's birth year, kept at assignment, back into the DICOM (PatientBirthDate = YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects approved for it (else 422) */
                            birthYear?: boolean;
                        };
                        savedBy: string | null;
                        savedAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameExportLayouts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    template: string;
                    /** @default {} */
                    transforms?: {
                        /** @description characters replaced in participant and event IDs, e.g. _ to - */
                        replaceInIds?: {
                            from: string;
                            to: string;
                        }[];
                        /** @description runs of anything but letters and digits become one _ */
                        cleanSeriesDescription?: boolean;
                        /** @description the participant's birth year, kept at assignment, back into the DICOM (PatientBirthDate = YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects approved for it (else 422) */
                        birthYear?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        template: string;
                        transforms: {
                            /** @description characters replaced in participant and event IDs, e.g. _ to - */
                            replaceInIds?: {
                                from: string;
                                to: string;
                            }[];
                            /** @description runs of anything but letters and digits become one _ */
                            cleanSeriesDescription?: boolean;
                            /** @description the participant's birth year, kept at assignment, back into the DICOM (PatientBirthDate = YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects approved for it (else 422) */
                            birthYear?: boolean;
                        };
                        savedBy: string | null;
                        savedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudies: {
        parameters: {
            query?: {
                /** @description attribute keywords or tags to add to the answer, comma-separated, or "all" */
                includefield?: string | string[];
                /** @description at most this many results (capped at 10000) */
                limit?: string;
                /** @description skip this many results */
                offset?: string;
                /** @description accepted and ignored */
                fuzzymatching?: string;
                /** @description any attribute keyword or tag (e.g. PatientID, 00100020, StudyDate=20240101-20241231, ModalitiesInStudy) is a matching key */
                StudyInstanceUID?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postDicomwebNameStudies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/related; type=\"application/dicom\"": string;
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    };
                };
            };
            /** @description some instances stored, the others listed in FailedSOPSequence (0008,1198) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeries: {
        parameters: {
            query?: {
                /** @description attribute keywords or tags to add to the answer, comma-separated, or "all" */
                includefield?: string | string[];
                /** @description at most this many results (capped at 10000) */
                limit?: string;
                /** @description skip this many results */
                offset?: string;
                /** @description accepted and ignored */
                fuzzymatching?: string;
                /** @description any attribute keyword or tag (e.g. PatientID, 00100020, StudyDate=20240101-20241231, ModalitiesInStudy) is a matching key */
                StudyInstanceUID?: string;
            };
            header?: never;
            path: {
                name: string;
                study: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudyInstances: {
        parameters: {
            query?: {
                /** @description attribute keywords or tags to add to the answer, comma-separated, or "all" */
                includefield?: string | string[];
                /** @description at most this many results (capped at 10000) */
                limit?: string;
                /** @description skip this many results */
                offset?: string;
                /** @description accepted and ignored */
                fuzzymatching?: string;
                /** @description any attribute keyword or tag (e.g. PatientID, 00100020, StudyDate=20240101-20241231, ModalitiesInStudy) is a matching key */
                StudyInstanceUID?: string;
            };
            header?: never;
            path: {
                name: string;
                study: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstances: {
        parameters: {
            query?: {
                /** @description attribute keywords or tags to add to the answer, comma-separated, or "all" */
                includefield?: string | string[];
                /** @description at most this many results (capped at 10000) */
                limit?: string;
                /** @description skip this many results */
                offset?: string;
                /** @description accepted and ignored */
                fuzzymatching?: string;
                /** @description any attribute keyword or tag (e.g. PatientID, 00100020, StudyDate=20240101-20241231, ModalitiesInStudy) is a matching key */
                StudyInstanceUID?: string;
            };
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "multipart/related; type=\"application/dicom\"": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudyMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "multipart/related; type=\"application/dicom\"": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "multipart/related; type=\"application/dicom\"": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/dicom+json": {
                        [key: string]: {
                            vr: string;
                            Value?: unknown[];
                            BulkDataURI?: string;
                        };
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceFramesFrames: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
                frames: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "multipart/related; type=\"application/octet-stream\"": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceBulk7FE00010: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "multipart/related; type=\"application/octet-stream\"": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceRendered: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
                frame: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceThumbnail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
                frame: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDicomwebNameStudiesStudySeriesSeriesInstancesInstanceFramesFrameRendered: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                study: string;
                series: string;
                instance: string;
                frame: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiUploadLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        maxFiles: number;
                        maxBytes: number;
                        maxFileBytes: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameSlides: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        studyInstanceUid: string | null;
                        instances: number;
                        stored: number;
                        failed: string[];
                        bytes: number;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiApplications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        form: {
                            /** @description 5-20 letters, digits, "-", "_"; unique */
                            name: string;
                            /** @description ethics approval (REK) number */
                            rekNumber: string;
                            /** @description approval start, YYYY-MM-DD */
                            startDate: string;
                            /** @description approval end, YYYY-MM-DD */
                            endDate: string;
                            principalInvestigator: string;
                            description: string;
                            /** @description expected DICOM modalities (CT, MR, …) */
                            modalities: string[];
                            /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                            expectedVolume: string;
                            /** @description regular expression every participant ID must match in full */
                            participantPattern: string;
                            events: string[];
                            /** @description the end-user agreement, which must be accepted */
                            agreementAccepted: boolean;
                        };
                        applicant: string;
                        /** @enum {string} */
                        status: "pending" | "changes-requested" | "approved" | "declined";
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiApplications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 5-20 letters, digits, "-", "_"; unique */
                    name: string;
                    /** @description ethics approval (REK) number */
                    rekNumber: string;
                    /** @description approval start, YYYY-MM-DD */
                    startDate: string;
                    /** @description approval end, YYYY-MM-DD */
                    endDate: string;
                    principalInvestigator: string;
                    description: string;
                    /** @description expected DICOM modalities (CT, MR, …) */
                    modalities: string[];
                    /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                    expectedVolume: string;
                    /** @description regular expression every participant ID must match in full */
                    participantPattern: string;
                    events: string[];
                    /** @description the end-user agreement, which must be accepted */
                    agreementAccepted: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        form: {
                            /** @description 5-20 letters, digits, "-", "_"; unique */
                            name: string;
                            /** @description ethics approval (REK) number */
                            rekNumber: string;
                            /** @description approval start, YYYY-MM-DD */
                            startDate: string;
                            /** @description approval end, YYYY-MM-DD */
                            endDate: string;
                            principalInvestigator: string;
                            description: string;
                            /** @description expected DICOM modalities (CT, MR, …) */
                            modalities: string[];
                            /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                            expectedVolume: string;
                            /** @description regular expression every participant ID must match in full */
                            participantPattern: string;
                            events: string[];
                            /** @description the end-user agreement, which must be accepted */
                            agreementAccepted: boolean;
                        };
                        applicant: string;
                        /** @enum {string} */
                        status: "pending" | "changes-requested" | "approved" | "declined";
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiApplicationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 5-20 letters, digits, "-", "_"; unique */
                    name: string;
                    /** @description ethics approval (REK) number */
                    rekNumber: string;
                    /** @description approval start, YYYY-MM-DD */
                    startDate: string;
                    /** @description approval end, YYYY-MM-DD */
                    endDate: string;
                    principalInvestigator: string;
                    description: string;
                    /** @description expected DICOM modalities (CT, MR, …) */
                    modalities: string[];
                    /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                    expectedVolume: string;
                    /** @description regular expression every participant ID must match in full */
                    participantPattern: string;
                    events: string[];
                    /** @description the end-user agreement, which must be accepted */
                    agreementAccepted: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        form: {
                            /** @description 5-20 letters, digits, "-", "_"; unique */
                            name: string;
                            /** @description ethics approval (REK) number */
                            rekNumber: string;
                            /** @description approval start, YYYY-MM-DD */
                            startDate: string;
                            /** @description approval end, YYYY-MM-DD */
                            endDate: string;
                            principalInvestigator: string;
                            description: string;
                            /** @description expected DICOM modalities (CT, MR, …) */
                            modalities: string[];
                            /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                            expectedVolume: string;
                            /** @description regular expression every participant ID must match in full */
                            participantPattern: string;
                            events: string[];
                            /** @description the end-user agreement, which must be accepted */
                            agreementAccepted: boolean;
                        };
                        applicant: string;
                        /** @enum {string} */
                        status: "pending" | "changes-requested" | "approved" | "declined";
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiApplicationsIdApprove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the research PACS the project sends to */
                    destination: {
                        aet: string;
                        host: string;
                        port: number;
                    };
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        application: {
                            id: string;
                            form: {
                                /** @description 5-20 letters, digits, "-", "_"; unique */
                                name: string;
                                /** @description ethics approval (REK) number */
                                rekNumber: string;
                                /** @description approval start, YYYY-MM-DD */
                                startDate: string;
                                /** @description approval end, YYYY-MM-DD */
                                endDate: string;
                                principalInvestigator: string;
                                description: string;
                                /** @description expected DICOM modalities (CT, MR, …) */
                                modalities: string[];
                                /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                                expectedVolume: string;
                                /** @description regular expression every participant ID must match in full */
                                participantPattern: string;
                                events: string[];
                                /** @description the end-user agreement, which must be accepted */
                                agreementAccepted: boolean;
                            };
                            applicant: string;
                            /** @enum {string} */
                            status: "pending" | "changes-requested" | "approved" | "declined";
                            reason: string | null;
                            decidedBy: string | null;
                            decidedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                        project: {
                            name: string;
                            /** @enum {string} */
                            status: "development" | "active" | "archived" | "handed-over";
                        };
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiApplicationsIdDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        form: {
                            /** @description 5-20 letters, digits, "-", "_"; unique */
                            name: string;
                            /** @description ethics approval (REK) number */
                            rekNumber: string;
                            /** @description approval start, YYYY-MM-DD */
                            startDate: string;
                            /** @description approval end, YYYY-MM-DD */
                            endDate: string;
                            principalInvestigator: string;
                            description: string;
                            /** @description expected DICOM modalities (CT, MR, …) */
                            modalities: string[];
                            /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                            expectedVolume: string;
                            /** @description regular expression every participant ID must match in full */
                            participantPattern: string;
                            events: string[];
                            /** @description the end-user agreement, which must be accepted */
                            agreementAccepted: boolean;
                        };
                        applicant: string;
                        /** @enum {string} */
                        status: "pending" | "changes-requested" | "approved" | "declined";
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiApplicationsIdRequestChanges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        form: {
                            /** @description 5-20 letters, digits, "-", "_"; unique */
                            name: string;
                            /** @description ethics approval (REK) number */
                            rekNumber: string;
                            /** @description approval start, YYYY-MM-DD */
                            startDate: string;
                            /** @description approval end, YYYY-MM-DD */
                            endDate: string;
                            principalInvestigator: string;
                            description: string;
                            /** @description expected DICOM modalities (CT, MR, …) */
                            modalities: string[];
                            /** @description expected volume, in words (e.g. "200 participants, 2 MR each") */
                            expectedVolume: string;
                            /** @description regular expression every participant ID must match in full */
                            participantPattern: string;
                            events: string[];
                            /** @description the end-user agreement, which must be accepted */
                            agreementAccepted: boolean;
                        };
                        applicant: string;
                        /** @enum {string} */
                        status: "pending" | "changes-requested" | "approved" | "declined";
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameAccessRequests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        username: string;
                        message: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "declined";
                        role: string | null;
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameAccessRequests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    message?: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        sent: true;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameAccessRequestsIdApprove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        username: string;
                        message: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "declined";
                        role: string | null;
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameAccessRequestsIdDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        username: string;
                        message: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "declined";
                        role: string | null;
                        reason: string | null;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameLifecycle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over";
                        history: {
                            at: string;
                            from: string | null;
                            to: string;
                            by: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                        }[];
                        deletion: {
                            project: string;
                            requestedBy: string;
                            requestedAt: string;
                            reason: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            report: {
                                [key: string]: unknown;
                            } | null;
                        } | null;
                        approvalWarning: {
                            daysLeft: number;
                            step: number;
                        } | null;
                        deletableFrom: string | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "development" | "active" | "archived" | "handed-over" | "deleted";
                    reason?: string;
                    handover?: {
                        sha256: string;
                        confirmedBy: string;
                        exportId?: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "development" | "active" | "archived" | "handed-over" | "deleted" | "deletion-requested";
                        deletion?: {
                            project: string;
                            requestedBy: string;
                            requestedAt: string;
                            reason: string | null;
                            confirmedBy: string | null;
                            confirmedAt: string | null;
                            report: {
                                [key: string]: unknown;
                            } | null;
                        };
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameAnonymisedCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the new project: 5-20 letters, digits, "-", "_"; unique */
                    newName: string;
                    /** @description the new participant-ID rule; new IDs are drawn at random to match it */
                    participantPattern?: string;
                    description?: string;
                    principalInvestigator?: string;
                    /** @enum {string} */
                    status?: "development" | "active";
                    /** @description username of the new project's first owner */
                    owner?: string;
                    /** @description the copy's research PACS; default the original's */
                    destination?: {
                        aet: string;
                        host: string;
                        port: number;
                    };
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        project: string;
                        status: string;
                        participants: number;
                        studies: number;
                        series: number;
                        instances: number;
                        /** @description research studies the PACS no longer holds */
                        notFound: number;
                        refused: {
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameTrail: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        who: string;
                        action: string;
                        outcome: string;
                        text: string;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiProjectsNameCorrections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        studyInstanceUid: string;
                        from: {
                            participant: string;
                            event: string;
                        };
                        /** @description null: the study is removed from the project */
                        to: {
                            participant: string;
                            event: string;
                        } | null;
                        reason: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        requestedBy: string;
                        requestedAt: string;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        decisionReason: string | null;
                        report: {
                            [key: string]: unknown;
                        } | null;
                    }[];
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiProjectsNameCorrections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    studyInstanceUid: string;
                    participant?: string;
                    event?: string;
                    remove?: boolean;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        studyInstanceUid: string;
                        from: {
                            participant: string;
                            event: string;
                        };
                        /** @description null: the study is removed from the project */
                        to: {
                            participant: string;
                            event: string;
                        } | null;
                        reason: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        requestedBy: string;
                        requestedAt: string;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        decisionReason: string | null;
                        report: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiCorrectionsIdApprove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                    removedByHand?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        studyInstanceUid: string;
                        from: {
                            participant: string;
                            event: string;
                        };
                        /** @description null: the study is removed from the project */
                        to: {
                            participant: string;
                            event: string;
                        } | null;
                        reason: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        requestedBy: string;
                        requestedAt: string;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        decisionReason: string | null;
                        report: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiCorrectionsIdReject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project: string;
                        studyInstanceUid: string;
                        from: {
                            participant: string;
                            event: string;
                        };
                        /** @description null: the study is removed from the project */
                        to: {
                            participant: string;
                            event: string;
                        } | null;
                        reason: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        requestedBy: string;
                        requestedAt: string;
                        decidedBy: string | null;
                        decidedAt: string | null;
                        decisionReason: string | null;
                        report: {
                            [key: string]: unknown;
                        } | null;
                    };
                };
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the API token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not allowed (or a missing X-CSRF-Token on a cookie session) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request; `field` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not found, or not visible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description conflicts with what exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description breaks a rule; `field` names the field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
