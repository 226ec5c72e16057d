/** The users the live bench needs: a province officer who records, and one officer per subscriber. */
export class Accounts {
  private constructor(
    private readonly port: number,
    private readonly admin: string,
  ) {}

  static async asAdmin(port: number, adminPassword: string): Promise<Accounts> {
    return new Accounts(port, await login(port, 'admin', adminPassword));
  }

  /** A new officer of `unit`, logged in: its token. */
  async officer(username: string, unit: string): Promise<string> {
    const password = `${username}-password`;
    await call(this.port, '/api/users', { username, password, role: 'officer', unitCode: unit }, 201, this.admin);
    return login(this.port, username, password);
  }

  /** Officers for each of `units` (a few at a time: each costs the server a password hash), their tokens in order. */
  async officers(prefix: string, units: readonly string[]): Promise<string[]> {
    const tokens = new Array<string>(units.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < units.length; index = next++) {
        tokens[index] = await this.officer(`${prefix}${index}`, units[index]!);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return tokens;
  }
}

async function login(port: number, username: string, password: string): Promise<string> {
  const answer = (await call(port, '/api/auth/login', { username, password }, 200)) as { accessToken: string };
  return answer.accessToken;
}

async function call(port: number, path: string, body: unknown, status: number, token?: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (response.status !== status) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}
