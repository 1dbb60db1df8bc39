import { fetchSession, signIn, signOut, type Session } from './api';
import { onLangChange, pick, t, type MessageKey } from './i18n';

const roleKeys: Record<Session['role'], MessageKey> = { viewer: 'roleViewer', editor: 'roleEditor', admin: 'roleAdmin' };

/** Where the server starts a sign-in at the office's identity provider (OpenID Connect); it sends the browser back to returnUrl. */
const identityProviderPath = '/api/session/oidc';

/**
 * The header's sign-in button: signed out it opens the sign-in form; signed in it shows the account and its role
 * and signs out. Reading needs no account (unless the service says otherwise); editing will. When the server has an
 * identity provider configured (/viewer/config signIn.identityProvider), the form also offers to sign in there.
 */
export class SessionControl {
  private session: Session | null = null;
  private readonly listeners: Array<(session: Session | null) => void> = [];

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly dialog: HTMLDialogElement,
    identityProvider: boolean,
  ) {
    const form = dialog.querySelector('form')!;
    const provider = dialog.querySelector<HTMLElement>('.sign-in-provider')!;
    provider.hidden = !identityProvider;
    provider.querySelector('button')!.addEventListener('click', () => {
      // Back to this very view (layers, language, map position) once the provider has signed the user in.
      const back = window.location.pathname + window.location.search + window.location.hash;
      window.location.assign(`${identityProviderPath}?returnUrl=${encodeURIComponent(back)}`);
    });
    button.addEventListener('click', () => void this.toggle());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(form);
    });
    dialog.querySelector('.sign-in-cancel')!.addEventListener('click', () => dialog.close());
    onLangChange(() => this.render());
    void fetchSession().then((session) => {
      this.session = session;
      this.render();
    }, () => this.render());
  }

  get current(): Session | null {
    return this.session;
  }

  /** Called whenever the account shown changes (signed in, signed out, or learned at start-up). */
  onChange(listener: (session: Session | null) => void): void {
    this.listeners.push(listener);
  }

  private async toggle(): Promise<void> {
    if (this.session) {
      await signOut(this.session);
      this.session = null;
      this.render();
      return;
    }
    this.error('');
    this.dialog.showModal();
  }

  private async submit(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const answer = await signIn(String(data.get('name')), String(data.get('password')));
    if ('status' in answer) {
      this.error(t(answer.status === 429 ? 'signInThrottled' : 'signInFailed'));
      return;
    }
    this.session = answer;
    form.reset();
    this.dialog.close();
    this.render();
  }

  private error(text: string): void {
    const line = this.dialog.querySelector<HTMLElement>('.sign-in-error')!;
    line.textContent = text;
    line.hidden = text === '';
  }

  private render(): void {
    // The static translation would put 登录 back: the button's text is this control's alone once it knows the session.
    delete this.button.dataset.i18n;
    const role = this.session ? t(roleKeys[this.session.role]) : '';
    this.button.textContent = this.session ? `${this.session.name}${pick(`（${role}）`, ` (${role})`)} · ${t('signOut')}` : t('signIn');
    this.listeners.forEach((listener) => listener(this.session));
  }
}
