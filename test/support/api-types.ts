// Generated from the OpenAPI document by `npm run openapi:types` (openapi-typescript). Do not edit:
// test/openapi-client.test.ts fails when it is out of date.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the event store answers and the read models have caught up with the log */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The authenticated user */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own password (required after an admin creates or resets the account) */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (filters: rol, area, is_active) */
        get: operations["listUsers"];
        put?: never;
        /** Create a user (must change the password at first login) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /** Delete a user (its history stays in the log) */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /** Update a user: any of the seed fields; password resets force a change at next login */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/tickets/crear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a ticket (public; with a USUARIO token the requester comes from the account) */
        post: operations["crearTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/consultar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tickets filed with your own account */
        get: operations["listMyTickets"];
        put?: never;
        /** Requester status lookup by codigo + email (public) */
        post: operations["consultarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dashboard: filters, keyset pagination, total and counts per estado (AREA: own area only) */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/estadisticas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Statistics over tickets created in [desde, hasta): counts, SLA compliance, times, rates (AREA: own area) */
        get: operations["getEstadisticas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ticket detail with acciones and ETag; ?asOf=<ISO time> folds the log up to then */
        get: operations["getTicket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/historial": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event of the ticket, in order, from the event store */
        get: operations["getHistorial"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/historial/verificacion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ticket's hash chain recomputed from the event store: intact, or where it breaks */
        get: operations["verifyHistorial"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/asignar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * asignar: Assign the ticket to an agent (ADMIN, MESA or AREA user of the ticket area)
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["asignarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/transferir": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * transferir: Move the ticket to another area, optionally to an agent of it
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["transferirTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/actualizar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * actualizar: Answer the requester, and set estado, prioridad and area
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["actualizarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/reclasificar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * reclasificar: Change prioridad and categoria
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["reclasificarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/pausar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * pausar: Pause the ticket (waiting on someone else)
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["pausarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/reabrir": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * reabrir: Resume a paused ticket, or reopen a resolved or closed one
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["reabrirTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/cancelar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * cancelar: Cancel the ticket, at the request of the requester (USUARIO) or of the help desk (AGENTE)
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["cancelarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/archivar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * archivar: Archive a finished ticket (it leaves the active dashboard)
         * @description If-Match for optimistic concurrency, Idempotency-Key for safe retries (seed 002)
         */
        post: operations["archivarTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notificaciones/entregas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent e-mail deliveries, newest first (sent, failed for good, retrying) */
        get: operations["listEmailDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/eventos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Feed en vivo de eventos de tickets (Server-Sent Events) */
        get: operations["streamEventos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auditoria/eventos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export events for auditors (NDJSON, or CSV with Accept: text/csv), in log order, with hashes */
        get: operations["exportAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/privacidad/borrar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase a person’s data (crypto-shredding): a requester by email, or an account */
        post: operations["erasePersonalData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every endpoint (no secrets) */
        get: operations["listWebhooks"];
        put?: never;
        /** Register an endpoint; the answer shows its secret once */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Remove an endpoint (its history stays in the log) */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change url, eventos, descripcion, activo or incluirDatosPersonales */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/webhooks/{id}/rotar-secreto": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New secret (shown once); the old one still signs for 24 h */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/entregas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This instance's delivery log of the endpoint, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/entregas/{eventId}/reenviar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one event again now (same webhook-id) */
        post: operations["redeliverWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/reproducir": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send again, in order, every event since `desde`, then carry on */
        post: operations["replayWebhook"];
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
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
        } & {
            [key: string]: unknown;
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
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        store: boolean;
                        projections: boolean;
                        position: string | null;
                        correo?: {
                            activo: boolean;
                            pendientes: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        store: boolean;
                        projections: boolean;
                        position: string | null;
                        correo?: {
                            activo: boolean;
                            pendientes: number;
                        };
                    };
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        expiresIn: number;
                        user: {
                            user_id: string;
                            email: string;
                            nombre: string;
                            rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                            area: string | null;
                            telefono: string | null;
                            is_active: boolean;
                            must_change_password: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: demasiadas-peticiones) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user_id: string;
                        email: string;
                        nombre: string;
                        rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                        area: string | null;
                        telefono: string | null;
                        is_active: boolean;
                        must_change_password: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    passwordActual: string;
                    passwordNuevo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        expiresIn: number;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                rol?: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                area?: string;
                is_active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user_id: string;
                        email: string;
                        nombre: string;
                        rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                        area: string | null;
                        telefono: string | null;
                        is_active: boolean;
                        must_change_password: boolean;
                        created_at: string;
                        updated_at: string;
                    }[];
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A valid email address */
                    email: string;
                    nombre: string;
                    password: string;
                    rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                    area?: string | null;
                    telefono?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user_id: string;
                        email: string;
                        nombre: string;
                        rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                        area: string | null;
                        telefono: string | null;
                        is_active: boolean;
                        must_change_password: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user_id: string;
                        email: string;
                        nombre: string;
                        rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                        area: string | null;
                        telefono: string | null;
                        is_active: boolean;
                        must_change_password: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A valid email address */
                    email?: string;
                    nombre?: string;
                    rol?: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                    area?: string | null;
                    telefono?: string | null;
                    password?: string;
                    is_active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user_id: string;
                        email: string;
                        nombre: string;
                        rol: "ADMIN" | "MESA" | "AREA" | "USUARIO";
                        area: string | null;
                        telefono: string | null;
                        is_active: boolean;
                        must_change_password: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    crearTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    asunto: string;
                    descripcion: string;
                    nombre?: string;
                    /** @description A valid email address */
                    email?: string;
                    telefono?: string | null;
                    categoria?: string | null;
                    prioridad?: string | null;
                    area?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        asunto: string;
                        prioridad: string;
                        categoria: string;
                        area: string;
                        creadoEn: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: demasiadas-peticiones) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyTickets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        area: string;
                        creadoEn: string;
                        actualizadoEn: string;
                        /** @description The latest 50 responses, oldest first */
                        respuestas: {
                            respuesta: string;
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                    }[];
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    consultarTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    codigo: string;
                    /** @description A valid email address */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        area: string;
                        creadoEn: string;
                        actualizadoEn: string;
                        /** @description The latest 50 responses, oldest first */
                        respuestas: {
                            respuesta: string;
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: demasiadas-peticiones) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDashboard: {
        parameters: {
            query?: {
                estado?: string;
                prioridad?: string;
                area?: string;
                agenteId?: string;
                categoria?: string;
                q?: string;
                incluirArchivados?: "true" | "false";
                sla?: string;
                orden?: "vencimiento" | "recientes" | "antiguos" | "prioridad" | "actualizados";
                /** @description 1–200, default 50 */
                limit?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            codigo: string;
                            asunto: string;
                            estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                            prioridad: string;
                            categoria: string;
                            area: string;
                            agenteId: string | null;
                            agente: {
                                id: string;
                                nombre: string;
                                rol: string;
                            } | null;
                            solicitante: {
                                nombre: string;
                                email: string;
                                telefono: string | null;
                            };
                            creadoEn: string;
                            actualizadoEn: string;
                            revision: number;
                            sla: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                vence: string | null;
                                fraccion: number;
                                primeraRespuesta: {
                                    estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                    /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                    vence: string | null;
                                    /** @description Working time consumed / target */
                                    fraccion: number;
                                    objetivoMin: number;
                                    cumplidoEn: string | null;
                                    corriendo: boolean;
                                };
                                resolucion: {
                                    estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                    /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                    vence: string | null;
                                    /** @description Working time consumed / target */
                                    fraccion: number;
                                    objetivoMin: number;
                                    cumplidoEn: string | null;
                                    corriendo: boolean;
                                };
                                pausadoMin: number;
                            };
                        }[];
                        nextCursor: string | null;
                        total: number;
                        resumen: {
                            [key: string]: number;
                        };
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEstadisticas: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD (UTC midnight) or an ISO 8601 instant with Z or an offset */
                desde?: string;
                /** @description YYYY-MM-DD (UTC midnight) or an ISO 8601 instant with Z or an offset */
                hasta?: string;
                area?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        desde: string | null;
                        hasta: string | null;
                        area: string | null;
                        total: number;
                        porEstado: {
                            [key: string]: number;
                        };
                        porArea: {
                            [key: string]: number;
                        };
                        porPrioridad: {
                            [key: string]: number;
                        };
                        porCategoria: {
                            [key: string]: number;
                        };
                        sla: {
                            primeraRespuesta: {
                                cumplidos: number;
                                vencidos: number;
                                enRiesgo: number;
                                enTiempo: number;
                                cumplimiento: number | null;
                            };
                            resolucion: {
                                cumplidos: number;
                                vencidos: number;
                                enRiesgo: number;
                                enTiempo: number;
                                cumplimiento: number | null;
                            };
                        };
                        tiempos: {
                            primeraRespuesta: {
                                n: number;
                                mediaHoras: number | null;
                                medianaHoras: number | null;
                            };
                            resolucion: {
                                n: number;
                                mediaHoras: number | null;
                                medianaHoras: number | null;
                            };
                        };
                        tasaReapertura: number | null;
                        tasaCancelacion: number | null;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTicket: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD (UTC midnight) or an ISO 8601 instant with Z or an offset */
                asOf?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHistorial: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        tipo: string;
                        fecha: string;
                        actor: {
                            id: string | null;
                            rol: string;
                            nombre: string;
                        };
                        datos: unknown;
                        requestId?: string;
                        correlationId?: string;
                        /** @description Tamper evidence of this event, recomputed on every request */
                        verificacion: {
                            /** @description The event's chain hash (docs/audit.md); null if written before chaining */
                            hash: string | null;
                            /** @description intacta: its hash checks; sin-cadena: written before chaining (vouched for by the first chained event); rota: at or after the first break */
                            estado: "intacta" | "sin-cadena" | "rota";
                        };
                    }[];
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyHistorial: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventos: number;
                        sinCadenaHasta: number;
                        intacta: boolean;
                        ruptura: {
                            revision: number;
                            motivo: string;
                        } | null;
                        /** @description The recomputed hash of the last event checked */
                        hash: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    asignarTicket: {
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
                    agenteId: string;
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    transferirTicket: {
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
                    nuevaArea: string;
                    agenteId?: string | null;
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    actualizarTicket: {
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
                    estado: string;
                    prioridad: string;
                    area: string;
                    respuesta: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reclasificarTicket: {
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
                    nuevaPrioridad: string;
                    nuevaCategoria: string;
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    pausarTicket: {
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
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reabrirTicket: {
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
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelarTicket: {
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
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                    rol: "USUARIO" | "AGENTE";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    archivarTicket: {
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
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        codigo: string;
                        asunto: string;
                        estado: "ABIERTO" | "ASIGNADO" | "EN_PROCESO" | "PAUSADO" | "RESUELTO" | "CERRADO" | "CANCELADO" | "ARCHIVADO";
                        prioridad: string;
                        categoria: string;
                        area: string;
                        agenteId: string | null;
                        agente: {
                            id: string;
                            nombre: string;
                            rol: string;
                        } | null;
                        solicitante: {
                            nombre: string;
                            email: string;
                            telefono: string | null;
                        };
                        creadoEn: string;
                        actualizadoEn: string;
                        revision: number;
                        sla: {
                            estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                            vence: string | null;
                            fraccion: number;
                            primeraRespuesta: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            resolucion: {
                                estado: "EN_TIEMPO" | "EN_RIESGO" | "VENCIDO" | "CUMPLIDO";
                                /** @description Due instant: past if breached, future if running, null if stopped short of it */
                                vence: string | null;
                                /** @description Working time consumed / target */
                                fraccion: number;
                                objetivoMin: number;
                                cumplidoEn: string | null;
                                corriendo: boolean;
                            };
                            pausadoMin: number;
                        };
                        descripcion: string;
                        estadoAntesDePausa: string | null;
                        solicitanteId: string | null;
                        primeraRespuestaEn: string | null;
                        resueltoEn: string | null;
                        cerradoEn: string | null;
                        canceladoEn: string | null;
                        canceladoPor: string | null;
                        archivadoEn: string | null;
                        reaperturas: number;
                        transferencias: number;
                        motivos: {
                            [key: string]: string | null;
                        };
                        /** @description Every response, oldest first; in the answer to an operation, the latest 20 only (GET the ticket for all) */
                        respuestas: {
                            respuesta: string;
                            autor: {
                                id: string | null;
                                nombre: string;
                                rol: string;
                            };
                            fecha: string;
                        }[];
                        /** @description Responses in all; more than respuestas.length when capped */
                        totalRespuestas: number;
                        /** @description Operations the caller may perform on the ticket now */
                        acciones: string[];
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: version-obsoleta) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-procesable, idempotency-key-reutilizada) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-disponible) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEmailDeliveries: {
        parameters: {
            query?: {
                /** @description 1–200, default 50 */
                limit?: string;
                /** @description the `siguiente` of the previous page */
                antes?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            n: number;
                            eventoId: string;
                            messageId: string;
                            tipo: string;
                            destinatarioTipo: string;
                            destinatarioId: string | null;
                            ticketCodigo: string | null;
                            estado: string;
                            intentos: number;
                            error: string | null;
                            actualizadoEn: string;
                        }[];
                        siguiente: number | null;
                        correo: {
                            activo: boolean;
                            pendientes: number;
                        };
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamEventos: {
        parameters: {
            query?: {
                desde?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream: `event:` the event type, `id:` its log position, `data:` JSON */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAuditEvents: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD (UTC midnight) or an ISO 8601 instant with Z or an offset */
                desde?: string;
                /** @description YYYY-MM-DD (UTC midnight) or an ISO 8601 instant with Z or an offset */
                hasta?: string;
                stream?: string;
                actor?: string;
                tipo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One line per event, in log order (streamed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    erasePersonalData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A valid email address */
                    email: string;
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                } | {
                    user_id: string;
                    /** @description Why: recorded in the ticket history */
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description false when nothing was left to erase (a repeat) */
                        borrado: boolean;
                        sujeto: "SOLICITANTE" | "USUARIO";
                        /** @description Tickets whose requester data was erased */
                        tickets: number;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        eventos: string[];
                        descripcion: string | null;
                        activo: boolean;
                        incluirDatosPersonales: boolean;
                        secretoAnteriorHasta: string | null;
                        creado: string;
                        actualizado: string;
                    }[];
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https in production */
                    url: string;
                    /** @description Ticket event types to send; absent or empty = all (TicketCreado, TicketAsignado, TicketTransferido, TicketActualizado, TicketReclasificado, TicketPausado, TicketReanudado, TicketReabierto, TicketCancelado, TicketArchivado) */
                    eventos?: string[];
                    descripcion?: string | null;
                    activo?: boolean;
                    /** @description Include the requester's nombre, email and teléfono in payloads (default false) */
                    incluirDatosPersonales?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        eventos: string[];
                        descripcion: string | null;
                        activo: boolean;
                        incluirDatosPersonales: boolean;
                        secretoAnteriorHasta: string | null;
                        creado: string;
                        actualizado: string;
                        /** @description whsec_…, shown only here */
                        secreto: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhook: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        eventos: string[];
                        descripcion: string | null;
                        activo: boolean;
                        incluirDatosPersonales: boolean;
                        secretoAnteriorHasta: string | null;
                        creado: string;
                        actualizado: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
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
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhook: {
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
                    /** @description https in production */
                    url?: string;
                    /** @description Ticket event types to send; absent or empty = all (TicketCreado, TicketAsignado, TicketTransferido, TicketActualizado, TicketReclasificado, TicketPausado, TicketReanudado, TicketReabierto, TicketCancelado, TicketArchivado) */
                    eventos?: string[];
                    descripcion?: string | null;
                    activo?: boolean;
                    /** @description Include the requester's nombre, email and teléfono in payloads (default false) */
                    incluirDatosPersonales?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        eventos: string[];
                        descripcion: string | null;
                        activo: boolean;
                        incluirDatosPersonales: boolean;
                        secretoAnteriorHasta: string | null;
                        creado: string;
                        actualizado: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        eventos: string[];
                        descripcion: string | null;
                        activo: boolean;
                        incluirDatosPersonales: boolean;
                        secretoAnteriorHasta: string | null;
                        creado: string;
                        actualizado: string;
                        /** @description whsec_…, shown only here */
                        secreto: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description entries older than this id (paging) */
                antesDe?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        eventoId: string;
                        tipo: string;
                        posicion: string;
                        estado: string;
                        intentos: number;
                        ultimoStatus: number | null;
                        duracionMs: number | null;
                        error: string | null;
                        manual: boolean;
                        cuerpo: string | null;
                        respuesta: string | null;
                        creado: string;
                        actualizado: string;
                        proximoIntento: string | null;
                    }[];
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redeliverWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        eventoId: string;
                        tipo: string;
                        posicion: string;
                        estado: string;
                        intentos: number;
                        ultimoStatus: number | null;
                        duracionMs: number | null;
                        error: string | null;
                        manual: boolean;
                        cuerpo: string | null;
                        respuesta: string | null;
                        creado: string;
                        actualizado: string;
                        proximoIntento: string | null;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayWebhook: {
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
                    /** @description ISO 8601 instant or date */
                    desde: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        solicitud: string;
                        desde: string;
                    };
                };
            };
            /** @description Problem (type: validacion, peticion-mal-formada, json-invalido, cursor-invalido) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-autenticado, credenciales-invalidas) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: prohibido, cambio-de-password-requerido) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: no-encontrado) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tiempo-agotado) */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: transicion-invalida, conflicto) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cuerpo-demasiado-grande) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: uri-demasiado-larga) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: tipo-de-contenido) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: cabeceras-demasiado-grandes) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem (type: error-interno) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
