import { hideCloseChanges, hideCloseFields } from './close-fields';

describe('close fields', () => {
  it('hides sensitive facts and drops credentials at any depth', () => {
    expect(
      hideCloseFields({
        passwordHash: 'x',
        violenceType: 'sexual',
        subject: { sex: 'female', ageBand: '12-15', subjectId: 's1' },
        borrower: { sex: 'female', ethnicity: 'Dao' },
        sex: 'male',
      }),
    ).toEqual({
      violenceType: '[hidden]',
      subject: { sex: '[hidden]', ageBand: '[hidden]', subjectId: 's1' },
      borrower: { sex: 'female', ethnicity: '[hidden]' },
      sex: 'male',
    });
  });

  it('hides the before and after of corrections to those fields', () => {
    expect(
      hideCloseChanges([
        { field: 'subject.ageBand', before: '6-11', after: '12-15' },
        { field: 'topic', before: 'a', after: 'b' },
      ]),
    ).toEqual([
      { field: 'subject.ageBand', before: '[hidden]', after: '[hidden]' },
      { field: 'topic', before: 'a', after: 'b' },
    ]);
  });
});
