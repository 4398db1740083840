import { isOperationCancelled, ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCheck } from 'langium';

const CONTEXT = 'An error occurred during validation';

/**
 * Langium wraps every check in two async functions (its error handler awaits the check), so each call of a
 * check made two promises and cost the validator an `await`: some 100,000 microtasks for the bench's 10,000
 * declarations. copis's checks are synchronous: the wrapper here calls a check directly and handles what it
 * throws as Langium's does (logged, and reported on the node); a check that returns a promise is awaited and
 * its rejection handled the same way.
 */
export class CopisValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (err) {
                failed(err, accept, node);
                return;
            }
            if (result instanceof Promise) return result.then(() => undefined, err => failed(err, accept, node));
            return undefined;
        };
    }
}

function failed(err: unknown, accept: ValidationAcceptor, node: AstNode): void {
    if (isOperationCancelled(err)) throw err;
    console.error(`${CONTEXT}:`, err);
    if (err instanceof Error && err.stack) console.error(err.stack);
    const details = err instanceof Error ? err.message : String(err);
    accept('error', `${CONTEXT}: ${details}`, { node });
}
