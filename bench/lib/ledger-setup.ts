/** Just enough of the API to get an officer's token and to count what the log holds. */
export class LedgerClient {
  private admin?: string;

  constructor(private readonly port: number) {}

  async officerToken(adminPassword: string): Promise<string> {
    this.admin = await this.login('admin', adminPassword);
    const password = 'bench-officer-password';
    await this.post(
      '/api/users',
      { username: 'bench.officer', password, role: 'officer', unitCode: '05752' },
      this.admin,
      201,
    );
    return this.login('bench.officer', password);
  }

  /** A case worker of Liên Minh, for the mixed workload's cases. */
  async caseWorkerToken(): Promise<string> {
    const password = 'bench-caseworker-password';
    await this.post(
      '/api/users',
      { username: 'bench.caseworker', password, role: 'case_worker', unitCode: '05752' },
      this.admin,
      201,
    );
    return this.login('bench.caseworker', password);
  }

  /** Records something and answers its id: the mixed workload's clubs, loans, addresses. */
  async record(path: string, body: unknown, token: string): Promise<string> {
    return ((await this.post(path, body, token, 201)) as { id: string }).id;
  }

  /** Events of one type in the log (the ledger appends a few of its own, such as seals). */
  async count(type: string): Promise<number> {
    let count = 0;
    for (let after: number | null = 0; after !== null;) {
      const response = await fetch(
        `http://127.0.0.1:${this.port}/api/events?type=${type}&limit=10000&after=${after}`,
        { headers: { authorization: `Bearer ${this.admin ?? ''}` } },
      );
      const page = (await response.json()) as { items: unknown[]; next: number | null };
      count += page.items.length;
      after = page.next;
    }
    return count;
  }

  private async login(username: string, password: string): Promise<string> {
    const answer = (await this.post('/api/auth/login', { username, password }, undefined, 200)) as {
      accessToken: string;
    };
    return answer.accessToken;
  }

  private async post(
    path: string,
    body: unknown,
    token: string | undefined,
    status: number,
  ): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    if (response.status !== status)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}
