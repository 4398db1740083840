import { ErrorCodes, ResponseError, type Connection, type Message, type MessageStrategy, type NotificationMessage, type RequestMessage } from 'vscode-languageserver';

/** The method a request made after `shutdown` is answered under (with `InvalidRequest`). */
const AFTER_SHUTDOWN = 'copis/$requestAfterShutdown';

/**
 * After `shutdown`, requests get `InvalidRequest` and notifications other than `exit` are dropped,
 * as the protocol says; vscode-languageserver answered them as before (an editor that asks again
 * while it waits for the exit got hover and symbols from a server it had shut down). Set as the
 * connection's message strategy, it sees every message in the order the connection handles them,
 * so a request sent before `shutdown` is still answered.
 */
export class ShutdownGate implements MessageStrategy {
    private shutDown = false;

    handleMessage(message: Message, next: (message: Message) => void): void {
        if (!this.shutDown) {
            next(message);
            if (isRequest(message) && message.method === 'shutdown') this.shutDown = true;
            return;
        }
        if (isRequest(message)) {
            next({ jsonrpc: message.jsonrpc, id: message.id, method: AFTER_SHUTDOWN, params: { method: message.method } } as RequestMessage);
        } else if (!isNotification(message) || message.method === 'exit') {
            next(message);
        }
    }

    /** Registers the answer to requests after shutdown on `connection`. */
    listenOn(connection: Pick<Connection, 'onRequest'>): void {
        connection.onRequest(AFTER_SHUTDOWN, (params: { method?: string }) => {
            throw new ResponseError(ErrorCodes.InvalidRequest, `The server has been shut down; \`${params?.method ?? 'this request'}\` is not answered. Send \`exit\`, then start a new server.`);
        });
    }
}

function isRequest(message: Message): message is RequestMessage {
    const m = message as Partial<RequestMessage>;
    return typeof m.method === 'string' && m.id !== undefined;
}

function isNotification(message: Message): message is NotificationMessage {
    const m = message as Partial<RequestMessage>;
    return typeof m.method === 'string' && m.id === undefined;
}
